// Every table's drizzle definition. Add one `export *` line per module schema file.
export * from './core';
export * from './notifications';
export * from './calls';
export * from './ara';
export * from './endpoints';
export * from './trunks';
export * from './realtime';
export * from './agents';
export * from './schedules';
export * from './queues';
export * from './ivr';
export * from './dids';
export * from './telephony';
export * from './login-throttle';
export * from './outbound';

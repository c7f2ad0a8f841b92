// The single source of wire types. Add one `export *` line per domain file.
export * from './errors';
export * from './envelope';
export * from './pagination';
export * from './common';
export * from './permissions';
export * from './tenants';
export * from './auth';
export * from './users';
export * from './roles';
export * from './audit';
export * from './notifications';
export * from './endpoints';
export * from './trunks';
export * from './agents';
export * from './ws';

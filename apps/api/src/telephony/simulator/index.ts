export { startAriSimulator, type AriSimulator, type AriSimulatorOptions } from './simulator';
export { createDemoGenerator, type DemoGenerator, type DemoOptions } from './demo';
export { createControlHandler } from './control';
export { syncEndpointsFromAra } from './ara-endpoints';
export type { CallHandle, CallScriptStep, PhoneHandle, PlaceCallOptions } from './script';
export type { PhoneBehaviour, SimEndpointConfig } from './model';
export { SimCore, ariTimestamp, type SimOptions } from './core';

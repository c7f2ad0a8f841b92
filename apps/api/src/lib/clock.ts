/** Time as a port, so services can be tested with a fixed or moving clock. */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

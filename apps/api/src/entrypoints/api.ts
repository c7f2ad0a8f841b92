import { run } from './run';

// `SWITCHBOARD_ROLE` decides (default `all`: API + worker in one process).
await run();

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, type TestApp } from '../../../test/helpers';
import { demoSeedSteps } from './demo-steps';
import { seedDemo } from './seed.service';

// Every real demo step, as the quick start and the browser specs run them: a rule added to a
// service the seed goes through (say, who may act on another user) must not break a step.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the demo seed', () => {
  it('runs every demo step without a failure, twice', async () => {
    const config = testConfig(t.url);
    const first = await seedDemo({ db: t.app.container.db, config, steps: demoSeedSteps });
    expect(first.failedSteps).toEqual([]);
    const again = await seedDemo({ db: t.app.container.db, config, steps: demoSeedSteps });
    expect(again.failedSteps).toEqual([]);
  });
});

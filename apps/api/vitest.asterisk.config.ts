import { defineConfig } from 'vitest/config';

// The real-Asterisk tier (npm run test:asterisk): needs ASTERISK_PREFIX and sipp. Files are
// *.asterisk.ts so the default config (npm test) never picks them up. One Asterisk at a time.
export default defineConfig({
  test: {
    include: ['test/asterisk/**/*.asterisk.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['test/setup.ts'],
    env: { NODE_ENV: 'test' },
  },
});

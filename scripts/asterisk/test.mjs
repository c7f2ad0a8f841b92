// npm run test:asterisk: the real-Asterisk tier (apps/api/vitest.asterisk.config.ts). Runs only
// when ASTERISK_PREFIX points at a built Asterisk and sipp is installed; otherwise says why, exit 0.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const prefix = process.env.ASTERISK_PREFIX;
const skip = (why) => {
  console.log(`test:asterisk skipped: ${why}`);
  process.exit(0);
};
if (!prefix) skip('ASTERISK_PREFIX is not set (the install prefix of a built Asterisk 22)');
if (!existsSync(join(prefix, 'sbin/asterisk'))) skip(`no Asterisk at ${join(prefix, 'sbin/asterisk')}`);
if (spawnSync('sipp', ['-v']).error) skip('sipp is not installed (Debian: apt install sip-tester)');
const r = spawnSync('npx', ['vitest', 'run', '-c', 'vitest.asterisk.config.ts', ...process.argv.slice(2)], {
  cwd: join(import.meta.dirname, '../../apps/api'),
  stdio: 'inherit',
});
process.exit(r.status ?? 1);

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nextStartArgs } from '../../scripts/start.mjs';
import pkg from '../../package.json';

/** Issue 16 point 7d: `npm run start:web` listens on WEB_PORT, as the README says. */
describe('the web start script', () => {
  it('is what `npm run start` runs', () => {
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
  });

  it('passes WEB_PORT to next start, then PORT, then 3000', () => {
    expect(nextStartArgs({ WEB_PORT: '4123', PORT: '5000' })).toEqual(['start', '-p', '4123']);
    expect(nextStartArgs({ PORT: '5000' })).toEqual(['start', '-p', '5000']);
    expect(nextStartArgs({})).toEqual(['start', '-p', '3000']);
    expect(nextStartArgs({ WEB_PORT: '3001' }, ['-H', '127.0.0.1'])).toEqual(['start', '-p', '3001', '-H', '127.0.0.1']);
  });

  it('stops with a message naming WEB_PORT for a bad port', () => {
    for (const bad of ['eighty', '70000', '0', '30 00']) expect(() => nextStartArgs({ WEB_PORT: bad })).toThrow(/WEB_PORT/);
    const script = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script], { env: { ...process.env, WEB_PORT: 'nope', PORT: '' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('WEB_PORT');
  });
});

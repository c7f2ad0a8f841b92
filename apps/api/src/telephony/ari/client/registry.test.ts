import { afterEach, describe, expect, it } from 'vitest';
import { startAriSimulator, type AriSimulator } from '../../simulator/simulator';
import { ariServersFromConfig, createAriRegistry } from './registry';

let sim: AriSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('ARI registry', () => {
  it('builds nothing without ARI_URL and one named client with it', () => {
    expect(ariServersFromConfig({ ARI_APP: 'switchboard' })).toEqual([]);
    expect(
      ariServersFromConfig({
        ARI_URL: 'http://pbx:8088',
        ARI_USERNAME: 'u',
        ARI_PASSWORD: 'p',
        ARI_APP: 'switchboard',
      }),
    ).toEqual([
      { name: 'default', url: 'http://pbx:8088', username: 'u', password: 'p', app: 'switchboard' },
    ]);
    expect(() =>
      createAriRegistry([
        { name: 'a', url: 'http://x', username: '', password: '', app: 'x' },
        { name: 'a', url: 'http://y', username: '', password: '', app: 'x' },
      ]),
    ).toThrow(/configured twice/);
  });

  it('connects every client and reports each connection state', async () => {
    sim = await startAriSimulator();
    const registry = createAriRegistry([
      { name: 'pbx-1', url: `${sim.url}/ari/`, username: sim.username, password: sim.password, app: sim.app },
    ]);
    expect(registry.status()).toEqual([{ name: 'pbx-1', state: 'connecting' }]);
    registry.connectAll();
    const started = Date.now();
    while (registry.status()[0]?.state !== 'connected' && Date.now() - started < 3000)
      await new Promise((r) => setTimeout(r, 5));
    expect(registry.status()).toEqual([{ name: 'pbx-1', state: 'connected' }]);
    expect(await registry.get('pbx-1')!.asterisk.ping()).toMatchObject({ ping: 'pong' });
    await registry.closeAll();
  });
});

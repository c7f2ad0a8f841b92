import { describe, expect, it } from 'vitest';
import { AriError } from '../ari/client/http';
import type { AriClient } from '../ari/index';
import { createAriPort } from './ari-adapter';

/** A client whose created channel enters Stasis only after `lateBy` dial attempts, as Asterisk's may. */
function fakeClient(lateBy: number) {
  const calls: string[] = [];
  let dials = 0;
  const client = {
    app: 'switchboard',
    channels: {
      create: async () => {
        calls.push('create');
        return { id: 'c1' };
      },
      dial: async () => {
        calls.push('dial');
        if (dials++ < lateBy) throw new AriError(409, 'Channel not in Stasis application', 'dial');
      },
      hangup: async () => {
        calls.push('hangup');
      },
    },
    bridges: {},
    playbacks: {},
    recordings: {},
  } as unknown as AriClient;
  return { client, calls };
}

describe('createAndDial', () => {
  it('dials again when the created channel has not entered the application yet (409 not in Stasis)', async () => {
    const { client, calls } = fakeClient(2);
    const port = createAriPort(client);
    await expect(
      port.createAndDial({ endpoint: 'PJSIP/t1_2002', appArgs: 'leg,x', timeoutSeconds: 30 }),
    ).resolves.toEqual({
      channelId: 'c1',
    });
    expect(calls).toEqual(['create', 'dial', 'dial', 'dial']);
  });

  it('still fails, and hangs the channel up, when the channel never enters the application', async () => {
    const { client, calls } = fakeClient(100);
    const port = createAriPort(client);
    await expect(
      port.createAndDial({ endpoint: 'PJSIP/t1_2002', appArgs: 'leg,x', timeoutSeconds: 30 }),
    ).rejects.toMatchObject({
      status: 409,
    });
    expect(calls.at(-1)).toBe('hangup');
    expect(calls.filter((c) => c === 'dial')).toHaveLength(6);
  });
});

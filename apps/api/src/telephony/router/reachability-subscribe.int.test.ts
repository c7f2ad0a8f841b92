import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';
import { createAriClient } from '../ari/index';

// A freshly started Asterisk whose endpoints are all realtime answers 422 "Event source does not
// exist" to `endpoint:PJSIP` until its first endpoint is loaded (seen on Asterisk 22.10.1 in the
// F6 real-Asterisk test): the router must subscribe again later, or it never hears a phone's state.
let lab: CallLab;
beforeAll(async () => {
  lab = await createCallLab({ agents: 0, startTelephony: false });
  lab.sim.core.pjsipLoaded = false; // a fresh Asterisk: no realtime endpoint loaded yet
  await lab.t.app.container.telephony.start();
  await lab.waitFor(
    async () => lab.t.app.container.telephony.status().status === 'connected',
    'telephony connected',
  );
});
afterAll(async () => lab?.close());

describe('phone state events after connecting to a fresh Asterisk', () => {
  it('subscribes to endpoint:PJSIP once the first endpoint is loaded, and then hears its contact change', async () => {
    const raw = createAriClient({
      name: 'probe',
      url: lab.sim.url,
      username: lab.sim.username,
      password: lab.sim.password,
      app: lab.sim.app,
    });
    const subscribed = async () => (await raw.applications.get(lab.sim.app)).endpoint_ids.includes('PJSIP');
    expect(await subscribed()).toBe(false); // the first try got 422: no endpoint yet
    // An agent with a phone appears (the ARA row, then Asterisk loads it when it registers).
    const admin = lab.tenant.admin.token;
    const e = await lab.api('POST', '/api/v1/endpoints', admin, {
      extension: '2101',
      display_name: 'Late phone',
    });
    expect(e.status).toBe(201);
    const araId = e.body.data.sip_username as string;
    lab.sim.addEndpoint({
      resource: araId,
      registered: false,
      tenantid: lab.tenant.tenantId,
      behaviour: { mode: 'answer', afterMs: 100 },
    });
    await lab.waitFor(subscribed, 'the router subscribed to endpoint:PJSIP', 5_000);
    // Subscribed: a registration is heard and stored.
    lab.sim.phone(araId).register();
    await lab.waitFor(async () => {
      const g = await lab.api('GET', `/api/v1/endpoints/${e.body.data.id}`, admin);
      return g.body.data.reachability === 'reachable';
    }, 'the phone reachable');
  });
});

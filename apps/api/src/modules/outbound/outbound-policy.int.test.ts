import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';

// Issue 16.6: one outbound calling policy for every number the platform dials out.
let lab: CallLab;
let admin: string;
let trunkReady = false;

beforeAll(async () => {
  lab = await createCallLab({ agents: 1 });
  admin = lab.tenant.admin.token;
});
afterAll(async () => lab?.close());

const policy = (body: object) =>
  lab.api('PUT', '/api/v1/tenant/outbound-policy', admin, {
    home_prefixes: [],
    allowed_prefixes: [],
    blocked_prefixes: [],
    block_premium_ranges: true,
    ...body,
  });

async function ensureTrunk() {
  if (trunkReady) return;
  const trunk = await lab.api('POST', '/api/v1/trunks', admin, {
    name: 'Carrier',
    kind: 'ip',
    host: '203.0.113.10',
    match_ips: ['203.0.113.10'],
  });
  expect(trunk.status).toBe(201);
  lab.sim.addEndpoint({ resource: trunk.body.data.ara_id, registered: true });
  trunkReady = true;
}

describe('outbound policy API', () => {
  it('answers the default: premium and satellite ranges blocked, every country allowed', async () => {
    const res = await lab.api('GET', '/api/v1/tenant/outbound-policy', admin);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ block_premium_ranges: true, allowed_prefixes: [], updated_at: null });
    expect(res.body.data.premium_ranges.map((r: { prefix: string }) => r.prefix)).toEqual(
      expect.arrayContaining(['+1900', '+1976', '+881', '+882', '+883', '+870', '+4490']),
    );
  });

  it('refuses a bad prefix with 400 naming the field, and agents may not change it', async () => {
    const bad = await policy({ blocked_prefixes: ['+49', '49x'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].path).toBe('body.blocked_prefixes.1');
    const extra = await lab.api('PUT', '/api/v1/tenant/outbound-policy', admin, { block_premium_ranges: true, x: 1 });
    expect(extra.status).toBe(400);
    const agent = await lab.api('PUT', '/api/v1/tenant/outbound-policy', lab.agents[0]!.token, {
      home_prefixes: [],
      allowed_prefixes: [],
      blocked_prefixes: [],
      block_premium_ranges: false,
    });
    expect(agent.status).toBe(403);
  });

  it('audits a change', async () => {
    expect((await policy({ blocked_prefixes: ['+4969'] })).status).toBe(200);
    const audit = await lab.api('GET', '/api/v1/audit?action=tenant.outbound_policy.update', admin);
    expect(JSON.stringify(audit.body)).toContain('tenant.outbound_policy.update');
    expect((await policy({})).status).toBe(200);
  });
});

describe('configuration time', () => {
  it('refuses a DID forwarding to a premium number with 400 naming the field', async () => {
    const res = await lab.api('POST', '/api/v1/dids', admin, {
      number: '+15557654321',
      destination: { type: 'external', number: '+1 900 555 0100' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].path).toBe('body.destination.number');
  });
});

describe('click to call and transfers', () => {
  it('refuses premium and blocked numbers with DESTINATION_NOT_ALLOWED', async () => {
    const agent = lab.agents[0]!;
    const premium = await lab.api('POST', '/api/v1/calls/originate', agent.token, { number: '+19005550100' });
    expect(premium.status).toBe(403);
    expect(premium.body.error.code).toBe('DESTINATION_NOT_ALLOWED');
    const satellite = await lab.api('POST', '/api/v1/calls/originate', agent.token, { number: '+881612345678' });
    expect(satellite.body.error.code).toBe('DESTINATION_NOT_ALLOWED');
    const transfer = await lab.api('POST', '/api/v1/calls/00000000-0000-0000-0000-000000000000/transfer', agent.token, {
      kind: 'blind',
      target: { type: 'number', number: '+19765550100' },
    });
    expect(transfer.status).toBe(403);
    expect(transfer.body.error.code).toBe('DESTINATION_NOT_ALLOWED');
  });

  it('needs calls.international outside the home prefixes, and follows policy updates', async () => {
    const agent = lab.agents[0]!;
    lab.phone(agent, { mode: 'answer', afterMs: 100 });
    expect((await policy({ home_prefixes: ['+49'] })).status).toBe(200);
    const abroad = await lab.api('POST', '/api/v1/calls/originate', agent.token, { number: '+442079460958' });
    expect(abroad.status).toBe(403);
    expect(abroad.body.error.details.reason).toBe('international');

    // The supervisor role holds calls.international: the same number is allowed for them.
    const sup = lab.tenant.supervisor;
    const ep = await lab.api('POST', '/api/v1/endpoints', admin, { extension: '2901', display_name: 'Sup', user_id: sup.id });
    expect(ep.status).toBe(201);
    lab.sim.addEndpoint({ resource: ep.body.data.sip_username, registered: true, tenantid: lab.tenant.tenantId, behaviour: { mode: 'answer', afterMs: 100 } });
    const allowed = await lab.api('POST', '/api/v1/calls/originate', sup.token, { number: '+442079460958' });
    expect(allowed.status).toBe(200);
    await lab.api('POST', `/api/v1/calls/${allowed.body.data.call_id}/hangup`, sup.token, {});

    const home = await lab.api('POST', '/api/v1/calls/originate', agent.token, { number: '+4930123458' });
    expect(home.status).toBe(200);
    // No trunk yet: the allowed call goes on to fail for that reason, not the policy's.
    await lab.waitFor(async () => {
      const r = await lab.api('GET', `/api/v1/calls/${home.body.data.call_id}`, admin);
      return r.body.data?.status === 'ended';
    }, 'the click-to-call to end');

    expect((await policy({ home_prefixes: ['+49'], blocked_prefixes: ['+4930'] })).status).toBe(200);
    const blocked = await lab.api('POST', '/api/v1/calls/originate', agent.token, { number: '+4930123459' });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.details.reason).toBe('blocked');
    expect((await policy({})).status).toBe(200);
  });
});

describe('call time', () => {
  it('a phone dialling a blocked number through the trunk is refused; an allowed one goes out', async () => {
    await ensureTrunk();
    const agent = lab.agents[0]!;
    const ok = lab.sim.placeCall({ fromEndpoint: agent.araId, to: '+4940111222' });
    await lab.waitFor(
      async () => (await lab.callRecords()).find((c) => c.callee_number === '+4940111222' && c.status === 'connected'),
      'allowed outbound call connected',
    );
    ok.hangup();
    await lab.waitFor(async () => (await lab.agentState(agent)) !== 'on_call' || null, 'agent free');
    const premium = lab.sim.placeCall({ fromEndpoint: agent.araId, to: '+19005550111' });
    await premium.ended;
    const rec = await lab.waitFor(
      async () => (await lab.callRecords()).find((c) => c.callee_number === '+19005550111' && c.status === 'ended'),
      'refused call closed',
    );
    expect(rec.disposition).toBe('failed');
    expect(rec.answered_at).toBeNull();
  });

  it('a DID forwarding to a number the policy now blocks is refused when a call arrives', async () => {
    await ensureTrunk();
    const did = '+15557650001';
    const d = await lab.api('POST', '/api/v1/dids', admin, { number: did, destination: { type: 'external', number: '+4940555900' } });
    expect(d.status).toBe(201);
    expect((await policy({ blocked_prefixes: ['+4940555'] })).status).toBe(200);
    const caller = '+15550009999';
    const call = lab.sim.placeCall({ from: caller, to: did });
    await call.ended;
    const rec = await lab.endedCall(caller);
    expect(rec.disposition).toBe('failed');
    expect((await policy({})).status).toBe(200);
  });
});

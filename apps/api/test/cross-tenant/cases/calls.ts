import { randomUUID } from 'node:crypto';
import { createCallsRepository } from '../../../src/modules/calls/calls.repository';
import { defineCrossTenantCases } from '../types';

const call = (b: Record<string, string>) => ({ id: b.callId! });

export default defineCrossTenantCases({
  name: 'calls',
  // A live call in the tenant, with one timeline event and a (stopped) recording, so that only
  // the tenant scope can make the recording's audio answer 404.
  fixture: async (app, tenant) => {
    const repo = createCallsRepository(app.container.db);
    const row = await repo.open({
          tenantId: tenant.tenantId,
          callKey: `fixture:${randomUUID()}`,
          direction: 'inbound',
          did: '+15550100100',
          callerNumber: '+15550100200',
          callerName: null,
          calleeNumber: '+15550100100',
          callerChannelId: `fixture-${randomUUID()}`,
          enteredAt: new Date(),
          simulated: false,
          owner: 'fixture',
        });
    await repo.setFlags(tenant.tenantId, row.id, { recording: false, recordingRef: `call-${row.id}` });
    return { callId: row.id };
  },
  routes: {
    'GET /api/v1/calls': 'list',
    'GET /api/v1/calls/:id': { params: call },
    'GET /api/v1/calls/:id/events': { params: call },
    'POST /api/v1/calls/originate': {
      body: () => ({ number: '+15550100300' }),
      // No foreign id to swap: it rings the caller's own phone. Without telephony here: 503.
      expect: [422, 503],
    },
    'POST /api/v1/calls/:id/hangup': { params: call, body: () => ({}) },
    'POST /api/v1/calls/:id/hold': { params: call, body: () => ({ on_hold: true }) },
    'POST /api/v1/calls/:id/mute': { params: call, body: () => ({ muted: true }) },
    'POST /api/v1/calls/:id/recording': { params: call, body: () => ({ recording: true }) },
    'GET /api/v1/calls/:id/recording/audio': { params: call },
    'POST /api/v1/calls/:id/transfer': {
      params: call,
      body: () => ({ kind: 'blind', target: { type: 'extension', extension: '1001' } }),
    },
    'POST /api/v1/calls/:id/transfer/attended': { params: call, body: () => ({ action: 'cancel' }) },
    'POST /api/v1/calls/:id/supervise': { params: call, body: () => ({ mode: 'listen' }) },
    'GET /api/v1/queue-stats': 'list',
    'GET /api/v1/telephony/status': { skip: 'the phone system status, no tenant data' },
  },
});

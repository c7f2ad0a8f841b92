import { z } from 'zod';
import { hangupChannel } from './channels';
import type { DemoGenerator } from './demo';
import type { SimResponse } from './rest-kit';
import { phoneHold, pressDigits, type CallScriptStep } from './script';
import type { AriSimulator } from './simulator';

const behaviourSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('answer'), afterMs: z.number().int().min(0) }),
  z.object({ mode: z.literal('busy'), afterMs: z.number().int().min(0) }),
  z.object({ mode: z.literal('early-media'), afterMs: z.number().int().min(0) }),
  z.object({ mode: z.literal('noanswer') }),
  z.object({ mode: z.literal('manual') }),
]);

const stepSchema = z
  .object({
    afterMs: z.number().int().min(0).optional(),
    whenAnswered: z.boolean().optional(),
    dtmf: z
      .string()
      .regex(/^[0-9*#A-D]+$/)
      .optional(),
    dtmfDurationMs: z.number().int().min(40).optional(),
    hold: z.boolean().optional(),
    unhold: z.boolean().optional(),
    hangup: z.boolean().optional(),
  })
  .strict();

const callSchema = z
  .object({
    from: z.string().min(1).optional(),
    to: z.string().min(1),
    callerName: z.string().optional(),
    fromEndpoint: z.string().optional(),
    simulated: z.boolean().optional(),
    script: z.array(stepSchema).max(100).optional(),
  })
  .strict();

const phoneSchema = z
  .object({
    registered: z.boolean().optional(),
    reachable: z.boolean().optional(),
    behaviour: behaviourSchema.optional(),
  })
  .strict();

const demoSchema = z
  .object({
    dids: z.array(z.string().min(1)).min(1),
    callsPerMinute: z.number().min(0.1).max(600).optional(),
    abandonRate: z.number().min(0).max(1).optional(),
  })
  .strict();

const bad = (message: string): SimResponse => ({ status: 400, body: { message } });
const notFound = (what: string): SimResponse => ({ status: 404, body: { message: `${what} not found` } });

function parse<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; data: T } | { ok: false; response: SimResponse } {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  return { ok: false, response: bad(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`) };
}

/**
 * The /_sim/ HTTP scripting API (for browser tests and the demo), mirroring the in-process API:
 *   GET  /_sim/state                       channels, bridges, endpoints
 *   POST /_sim/calls                       { from, to, callerName?, fromEndpoint?, script? } → { id }
 *   POST /_sim/calls/{id}/dtmf             { digits }
 *   POST /_sim/calls/{id}/hold | unhold | hangup
 *   POST /_sim/phones/{resource}           { registered?, reachable? (answers qualify), behaviour? }
 *   POST /_sim/phones/{resource}/answer | reject | hangup | hold | unhold
 *   POST /_sim/phones/{resource}/transfer  { exten }
 *   POST /_sim/drop-sockets, /_sim/restart { down_ms? (down that long before it is back) }
 *   POST /_sim/demo/start { dids, callsPerMinute?, abandonRate? }, /_sim/demo/stop
 */
export function createControlHandler(sim: AriSimulator, demo?: DemoGenerator) {
  const core = sim.core;
  return async (
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
  ): Promise<SimResponse> => {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [resource, id, action] = parts;
    if (method === 'GET' && resource === 'state') {
      return {
        status: 200,
        body: {
          channels: [...core.channels.values()].map((c) => core.snapshot(c)),
          bridges: [...core.bridges.values()].map((b) => structuredClone(b.json)),
          endpoints: [...core.endpoints.values()].map((e) => ({
            resource: e.resource,
            registered: e.registered,
            reachable: e.reachable,
            tenantid: e.tenantid,
          })),
          demo: demo?.running ?? false,
        },
      };
    }
    if (method !== 'POST') return { status: 405, body: { message: 'Invalid method' } };
    if (resource === 'drop-sockets') return (sim.dropSockets(), { status: 204 });
    if (resource === 'restart') {
      const downMs = Number(body?.down_ms ?? 0);
      return (sim.restart({ downMs: Number.isFinite(downMs) && downMs > 0 ? downMs : 0 }), { status: 204 });
    }
    if (resource === 'calls' && !id) {
      const parsed = parse(callSchema, body);
      if (!parsed.ok) return parsed.response;
      try {
        const call = sim.placeCall({
          ...parsed.data,
          script: parsed.data.script as CallScriptStep[] | undefined,
        });
        return { status: 201, body: { id: call.id, channel: call.channel() } };
      } catch (err) {
        return bad((err as Error).message);
      }
    }
    if (resource === 'calls' && id) {
      const channel = core.channels.get(id);
      if (!channel) return notFound('Channel');
      if (action === 'dtmf') {
        const digits =
          typeof body?.digits === 'string' && /^[0-9*#A-D]+$/.test(body.digits) ? body.digits : undefined;
        if (!digits) return bad('digits: expected DTMF digits');
        void pressDigits(core, channel, digits);
        return { status: 204 };
      }
      if (action === 'hold' || action === 'unhold')
        return (phoneHold(core, channel, action === 'hold'), { status: 204 });
      if (action === 'hangup') return (hangupChannel(core, channel, 'remote'), { status: 204 });
      return notFound('Action');
    }
    if (resource === 'phones' && id) {
      const phone = sim.phone(id);
      if (!action) {
        const parsed = parse(phoneSchema, body);
        if (!parsed.ok) return parsed.response;
        if (parsed.data.registered === true) phone.register();
        if (parsed.data.registered === false) phone.unregister();
        if (parsed.data.reachable === false) phone.stopAnsweringQualify();
        if (parsed.data.reachable === true) phone.answerQualify();
        if (parsed.data.behaviour) phone.setBehaviour(parsed.data.behaviour);
        return { status: 204 };
      }
      if (action === 'transfer') {
        if (typeof body?.exten !== 'string' || !body.exten) return bad('exten: required');
        try {
          phone.transfer(body.exten);
        } catch (err) {
          return { status: 409, body: { message: (err as Error).message } };
        }
        return { status: 204 };
      }
      const actions: Record<string, () => unknown> = {
        answer: phone.answer,
        reject: phone.reject,
        hangup: phone.hangup,
        hold: phone.hold,
        unhold: phone.unhold,
      };
      const run = action ? actions[action] : undefined;
      return run ? (run(), { status: 204 }) : notFound('Action');
    }
    if (resource === 'demo' && demo) {
      if (id === 'stop') return (demo.stop(), { status: 204 });
      if (id === 'start') {
        const parsed = parse(demoSchema, body);
        if (!parsed.ok) return parsed.response;
        demo.start(parsed.data);
        return { status: 204 };
      }
    }
    return { status: 404, body: { message: 'Resource not found' } };
  };
}

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  attendedActionSchema,
  callDetailSchema,
  callEventSchema,
  callRecordSchema,
  envelope,
  holdSchema,
  idParamSchema,
  listLiveCallsQuerySchema,
  muteSchema,
  originateSchema,
  pageQuerySchema,
  queueStatsSchema,
  recordSchema,
  superviseSchema,
  telephonyStatusSchema,
  transferSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { AppError } from '../../lib/app-error';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

const done = envelope(z.object({ ok: z.literal(true) }));
const voice = 'voice' as const;

/** Live calls, call control and queue figures (DESIGN §5). Routes do HTTP only. */
export const callsRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const calls = container.calls;
  const action = (summary: string, body: z.ZodType, permission: 'calls.control' | 'calls.supervise' = 'calls.control') => ({
    config: { access: { permission, feature: voice } },
    schema: { tags: ['calls'], summary, params: idParamSchema, body, response: { 200: done } },
  });

  app.get(
    '/api/v1/calls',
    {
      config: { access: { permission: 'calls.read', feature: voice } },
      schema: {
        tags: ['calls'],
        summary: 'Calls in progress (agents see their own; supervisors every call)',
        querystring: listLiveCallsQuerySchema,
        response: { 200: envelope(z.array(callRecordSchema)) },
      },
    },
    async (req) => okPage(req, await calls.listLive(tenantCtx(req), req.query)),
  );

  app.get(
    '/api/v1/calls/:id',
    {
      config: { access: { permission: 'calls.read', feature: voice } },
      schema: {
        tags: ['calls'],
        summary: "One call record, who handled each part of it (segments) and each agent's talk time",
        params: idParamSchema,
        response: { 200: envelope(callDetailSchema) },
      },
    },
    async (req) => ok(req, await calls.get(tenantCtx(req), req.params.id)),
  );

  app.get(
    '/api/v1/calls/:id/events',
    {
      config: { access: { permission: 'calls.read', feature: voice } },
      schema: {
        tags: ['calls'],
        summary: "The call's timeline, oldest first",
        params: idParamSchema,
        querystring: pageQuerySchema,
        response: { 200: envelope(z.array(callEventSchema)) },
      },
    },
    async (req) => okPage(req, await calls.events(tenantCtx(req), req.params.id, req.query)),
  );

  app.post(
    '/api/v1/calls/originate',
    {
      config: { access: { permission: 'calls.control', feature: voice } },
      schema: {
        tags: ['calls'],
        summary: "Click to call: rings the agent's phone, then dials the number",
        body: originateSchema,
        response: { 200: envelope(z.object({ call_id: z.string() })) },
      },
    },
    async (req) => ok(req, await calls.originate(tenantCtx(req), req.body.number)),
  );

  app.post('/api/v1/calls/:id/hangup', action('Hang up the call', z.object({}).strict()), async (req) => {
    await calls.hangup(tenantCtx(req), req.params.id);
    return ok(req, { ok: true as const });
  });
  app.post('/api/v1/calls/:id/hold', action('Put the caller on hold or take them off', holdSchema), async (req) => {
    await calls.hold(tenantCtx(req), req.params.id, (req.body as z.infer<typeof holdSchema>).on_hold);
    return ok(req, { ok: true as const });
  });
  app.post('/api/v1/calls/:id/mute', action("Mute or unmute the agent's microphone", muteSchema), async (req) => {
    await calls.mute(tenantCtx(req), req.params.id, (req.body as z.infer<typeof muteSchema>).muted);
    return ok(req, { ok: true as const });
  });
  app.post('/api/v1/calls/:id/recording', action('Start or stop recording', recordSchema), async (req) => {
    await calls.record(tenantCtx(req), req.params.id, (req.body as z.infer<typeof recordSchema>).recording);
    return ok(req, { ok: true as const });
  });
  const audio = (description: string) => ({
    description,
    content: { 'audio/wav': { schema: z.string().meta({ format: 'binary', description: 'The WAV file, or the asked range of its bytes' }) } },
  });
  app.get(
    '/api/v1/calls/:id/recording/audio',
    {
      config: { access: { permission: 'recordings.listen', feature: voice } },
      schema: {
        tags: ['calls'],
        summary:
          "Play or download the call's recording (audio/wav), streamed from the Asterisk that recorded it. " +
          'A single `Range: bytes=…` is answered with 206; every request is audited (recording.listen). ' +
          '404 when the call has no recording or its file is gone, 409 while it is still being recorded, ' +
          "503 when the call's phone system is not connected",
        params: idParamSchema,
        headers: z.looseObject({ range: z.string().max(200).optional() }),
        response: { 200: audio('The whole recording'), 206: audio('The asked byte range (Content-Range)') },
      },
    },
    async (req, reply) => {
      const range = typeof req.headers.range === 'string' ? req.headers.range : undefined;
      try {
        const audio = await calls.recordingAudio(tenantCtx(req), req.params.id, { range, head: req.method === 'HEAD' });
        // The body is a byte stream (documented as a binary string): sent as is, never serialized.
        return reply.status(audio.status).headers(audio.headers).send(audio.body as unknown as string);
      } catch (err) {
        if (err instanceof AppError && err.code === 'RANGE_NOT_SATISFIABLE') {
          reply.header('content-range', `bytes */${(err.details as { size: number }).size}`);
        }
        throw err;
      }
    },
  );
  app.post(
    '/api/v1/calls/:id/transfer',
    action('Blind transfer, or start an attended transfer (consultation)', transferSchema),
    async (req) => {
      await calls.transfer(tenantCtx(req), req.params.id, req.body as z.infer<typeof transferSchema>);
      return ok(req, { ok: true as const });
    },
  );
  app.post(
    '/api/v1/calls/:id/transfer/attended',
    action('Complete or cancel the attended transfer in progress', attendedActionSchema),
    async (req) => {
      await calls.finishTransfer(tenantCtx(req), req.params.id, (req.body as z.infer<typeof attendedActionSchema>).action);
      return ok(req, { ok: true as const });
    },
  );
  app.post(
    '/api/v1/calls/:id/supervise',
    {
      config: { access: { permission: 'calls.supervise', feature: voice } },
      schema: {
        tags: ['calls'],
        summary: "Listen, whisper or barge on an agent's call (rings the supervisor's phone)",
        params: idParamSchema,
        body: superviseSchema,
        response: { 200: envelope(z.object({ channel_id: z.string() })) },
      },
    },
    async (req) => ok(req, await calls.supervise(tenantCtx(req), req.params.id, req.body.mode)),
  );

  app.get(
    '/api/v1/queue-stats',
    {
      config: { access: { permission: 'calls.read', feature: voice } },
      schema: {
        tags: ['calls'],
        summary: "Live figures per queue, today in the tenant's time zone",
        querystring: z.object({ queue_id: z.string().max(64).optional() }).strict(),
        response: { 200: envelope(z.array(queueStatsSchema)) },
      },
    },
    async (req) => {
      const ctx = tenantCtx(req);
      return ok(req, await container.queueStats.forTenant(ctx.tenantId, req.query.queue_id ? [req.query.queue_id] : undefined));
    },
  );

  app.get(
    '/api/v1/telephony/status',
    {
      config: { access: { permission: 'calls.read' } },
      schema: { tags: ['calls'], summary: 'Whether the phone system is connected, degraded or simulated', response: { 200: envelope(telephonyStatusSchema) } },
    },
    async (req) => ok(req, container.telephony.status()),
  );
};

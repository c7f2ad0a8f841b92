import { z } from 'zod';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { audioFileSchema, envelope, idParamSchema, listAudioQuerySchema, uploadAudioQuerySchema } from '@switchboard/contracts';
import type { Container } from '../../container';
import { AppError } from '../../lib/app-error';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';
import { acceptedUploadTypes } from './audio-format';

const read = { access: { permission: 'ivr.read', feature: 'voice' } } as const;
const write = { access: { permission: 'ivr.write', feature: 'voice' } } as const;
const one = envelope(audioFileSchema);

export const audioRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.audio;

  // Audio bodies reach the handler as the raw request stream: the service counts bytes as they
  // arrive instead of letting a parser buffer them. Scoped to this plugin only.
  app.addContentTypeParser(/^(audio\/[a-z0-9.+-]+|application\/ogg)$/, (_req, payload, done) => done(null, payload));

  app.get(
    '/api/v1/audio',
    {
      config: read,
      schema: {
        tags: ['audio'],
        summary: 'List uploaded audio prompts',
        querystring: listAudioQuerySchema,
        response: { 200: envelope(z.array(audioFileSchema)) },
      },
    },
    async (req) => okPage(req, await svc.list(tenantCtx(req), req.query)),
  );

  app.post(
    '/api/v1/audio',
    {
      config: write,
      schema: {
        tags: ['audio'],
        summary: 'Upload an audio prompt: the file is the raw body (audio/wav, audio/mpeg or audio/ogg)',
        querystring: uploadAudioQuerySchema,
        response: { 201: one },
      },
    },
    async (req, reply) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!acceptedUploadTypes.has(type) || !(req.body instanceof Readable)) {
        throw new AppError('VALIDATION_FAILED', 'headers.content-type: send the file as the raw body with an audio content type', {
          fields: [{ path: 'headers.content-type', message: 'Expected audio/wav, audio/mpeg or audio/ogg' }],
        });
      }
      const length = Number(req.headers['content-length']);
      try {
        const file = await svc.upload(tenantCtx(req), {
          name: req.query.name,
          body: req.body,
          contentLength: Number.isFinite(length) ? length : null,
        });
        return reply.status(201).send(ok(req, file));
      } catch (err) {
        // The rest of a refused body is not read; close the connection instead of draining it.
        if (!req.body.readableEnded) reply.header('connection', 'close');
        throw err;
      }
    },
  );

  app.get(
    '/api/v1/audio/:id',
    { config: read, schema: { tags: ['audio'], summary: "An audio file's metadata", params: idParamSchema, response: { 200: one } } },
    async (req) => ok(req, await svc.get(tenantCtx(req), req.params.id)),
  );

  app.get(
    '/api/v1/audio/:id/content',
    {
      config: read,
      schema: { tags: ['audio'], summary: 'Download an audio file (always as an attachment)', params: idParamSchema },
    },
    async (req, reply) => {
      const file = await svc.download(tenantCtx(req), req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', file.size)
        .header('content-disposition', file.disposition)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );

  app.delete(
    '/api/v1/audio/:id',
    {
      config: write,
      schema: {
        tags: ['audio'],
        summary: 'Delete an audio file (409 while an IVR menu greets with it)',
        params: idParamSchema,
        response: { 200: envelope(z.object({ id: z.string() })) },
      },
    },
    async (req) => {
      await svc.remove(tenantCtx(req), req.params.id);
      return ok(req, { id: req.params.id });
    },
  );
};

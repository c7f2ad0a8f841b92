import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorStatus, type ErrorCode, type FieldError } from '@switchboard/contracts';
import { AppError } from '../lib/app-error';

function send(
  req: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: unknown,
  status: number = errorStatus[code],
) {
  return reply.status(status).send({
    success: false,
    error: { code, message, ...(details !== undefined ? { details } : {}) },
    meta: { request_id: req.id, timestamp: new Date().toISOString() },
  });
}

const DB_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ECONNRESET',
  'EPIPE',
  'PROTOCOL_SEQUENCE_TIMEOUT',
]);

/**
 * Errors Fastify raises before routing (Fastify's `frameworkErrors`): a path that is not valid
 * percent-encoding (400) or a path parameter over the router's length limit (414) answer the
 * envelope like every other error instead of Fastify's own body.
 */
export function sendFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', req.id);
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return send(req, reply, 'BAD_REQUEST', 'A path segment is too long', undefined, 414);
  }
  if (err.code === 'FST_ERR_BAD_URL') {
    return send(req, reply, 'BAD_REQUEST', 'The path is not validly encoded');
  }
  req.log.error({ err }, 'framework error');
  return send(req, reply, 'INTERNAL', 'Something went wrong');
}

/** The one error handler: AppError codes, validation, size, rate limits, DB outages; 5xx hide internals. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setNotFoundHandler((req, reply) => send(req, reply, 'NOT_FOUND', `Route ${req.method} ${req.url.split('?')[0]} not found`));

  app.setErrorHandler((err: FastifyError & { cause?: unknown }, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'request failed');
      return send(req, reply, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldError[] = err.validation.map((v) => {
        const where = err.validationContext ?? 'body';
        const p = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const params = v.params as { issue?: { keys?: string[] } } | undefined;
        const keys = params?.issue?.keys;
        const path = keys?.length ? [where, p, keys.join(',')].filter(Boolean).join('.') : [where, p].filter(Boolean).join('.');
        return { path, message: v.message ?? 'Invalid value' };
      });
      const message = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
      return send(req, reply, 'VALIDATION_FAILED', message || 'Invalid request', { fields });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(req, reply, 'INTERNAL', 'Something went wrong');
    }
    const code = (err as { code?: string }).code ?? '';
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return send(req, reply, 'PAYLOAD_TOO_LARGE', 'Request body is too large');
    }
    if (err.statusCode === 429) {
      return send(req, reply, 'RATE_LIMITED', 'Too many requests, slow down');
    }
    if (code.startsWith('FST_ERR_CTP') || code === 'FST_ERR_VALIDATION' || (err.statusCode === 400 && code.startsWith('FST_'))) {
      return send(req, reply, 'BAD_REQUEST', err.message);
    }
    if (code === 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD' || (err.cause as { code?: string } | undefined)?.code === 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD') {
      // MariaDB's "Incorrect string value": the contracts' text rule should have refused it first (I1).
      req.log.warn({ err }, 'text the database cannot store passed validation');
      return send(req, reply, 'BAD_REQUEST', 'A text value contains characters that cannot be stored');
    }
    if (code === 'ER_DUP_ENTRY' || (err.cause as { code?: string } | undefined)?.code === 'ER_DUP_ENTRY') {
      return send(req, reply, 'ALREADY_EXISTS', 'A record with these values already exists');
    }
    const causeCode = (err.cause as { code?: string } | undefined)?.code ?? '';
    if (DB_UNAVAILABLE.has(code) || DB_UNAVAILABLE.has(causeCode) || /Queue limit reached/.test(err.message)) {
      req.log.warn({ err }, 'database unavailable');
      return send(req, reply, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable, try again shortly');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(req, reply, 'BAD_REQUEST', err.message, undefined, err.statusCode);
    }
    req.log.error({ err }, 'unhandled error');
    return send(req, reply, 'INTERNAL', 'Something went wrong');
  });
});

import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';

/** The process logger; request loggers are children carrying request, tenant and user ids. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>, name: string): FastifyBaseLogger {
  return pino({
    name,
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password'],
  }) as unknown as FastifyBaseLogger;
}

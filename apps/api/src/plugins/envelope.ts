import type { FastifyRequest } from 'fastify';

/** Wraps data in the success envelope (DESIGN §3). Lists pass their next cursor. */
export function ok<T>(req: FastifyRequest, data: T, nextCursor?: string | null) {
  return {
    success: true as const,
    data,
    meta: {
      request_id: req.id,
      timestamp: new Date().toISOString(),
      ...(nextCursor !== undefined ? { next_cursor: nextCursor } : {}),
    },
  };
}

/** For list endpoints: `okPage(req, await service.list(ctx, query))`. */
export function okPage<T>(req: FastifyRequest, page: { items: T[]; nextCursor: string | null }) {
  return ok(req, page.items, page.nextCursor);
}

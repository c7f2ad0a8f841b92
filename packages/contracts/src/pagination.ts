import { z } from 'zod';
import { plainString } from './common';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/** Keyset pagination: `cursor` is opaque (the API encodes the last row's sort key). */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: plainString().max(512).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** Lists answer `data: T[]` and put the next cursor in `meta.next_cursor` (null on the last page). */
export type Page<T> = { items: T[]; nextCursor: string | null };

export const idParamSchema = z.object({ id: plainString().min(1).max(64) });
export type IdParam = z.infer<typeof idParamSchema>;

/** Query-string booleans: "true"/"false"/"1"/"0". */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

import type { Readable } from 'node:stream';
import { AUDIO_MAX_BYTES, type AudioFile, type ListAudioQuery, type Page } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import type { TenantContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import { audioExtensions, detectAudioType } from './audio-format';
import type { AudioRepository, AudioRow } from './audio.repository';
import { UploadTooLarge, type FileStorage } from './audio-storage';

export function toAudioFile(r: AudioRow): AudioFile {
  return {
    id: r.id,
    name: r.name,
    content_type: r.contentType,
    size_bytes: r.sizeBytes,
    sha256: r.sha256,
    created_at: r.createdAt.toISOString(),
  };
}

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `Audio files may be at most ${AUDIO_MAX_BYTES / (1024 * 1024)} MB`, {
    max_bytes: AUDIO_MAX_BYTES,
  });
const quotaReached = (limitBytes: number) =>
  new AppError('LIMIT_REACHED', `Limit reached: this organisation may store at most ${limitBytes / (1024 * 1024)} MB`, {
    limit: 'storage_mb',
    max: limitBytes / (1024 * 1024),
  });

export type UploadInput = { name: string; body: Readable; contentLength: number | null };

/** ASCII-only fallback name for Content-Disposition; the UTF-8 name goes in filename*. */
export function dispositionFor(name: string, ext: string): string {
  const ascii = name.replace(/[^A-Za-z0-9 ._-]/g, '_').replace(/^[ .]+/, '').slice(0, 100) || 'audio';
  const utf8 = encodeURIComponent(`${name}.${ext}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${utf8}`;
}

export function createAudioService(deps: { db: Database; repo: AudioRepository; storage: FileStorage; audit: AuditService; clock: Clock }) {
  const { db, repo, storage, audit, clock } = deps;

  async function get(ctx: TenantContext, id: string) {
    const row = await repo.findById(ctx.tenantId, id);
    if (!row) throw notFound('Audio file');
    return row;
  }

  return {
    get: async (ctx: TenantContext, id: string) => toAudioFile(await get(ctx, id)),

    async list(ctx: TenantContext, q: ListAudioQuery): Promise<Page<AudioFile>> {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map(toAudioFile), nextCursor: page.nextCursor };
    },

    /**
     * Streams the body to disk under a generated key (U3), stopping at the size limit or the
     * tenant's remaining storage (U1, U6), checks the magic bytes (U2), then records it. The quota
     * is checked again under the tenant row lock, so parallel uploads cannot overshoot it.
     */
    async upload(ctx: TenantContext, input: UploadInput): Promise<AudioFile> {
      const limit = await repo.storageLimitBytes(ctx.tenantId);
      const remaining = limit === null ? Infinity : Math.max(0, limit - (await repo.storedBytes(ctx.tenantId)));
      if (input.contentLength !== null && input.contentLength > AUDIO_MAX_BYTES) throw tooLarge();
      if (input.contentLength !== null && input.contentLength > remaining) throw quotaReached(limit!);

      const id = newId();
      // Received under a neutral key; the final key carries the detected extension, which
      // Asterisk needs to pick a format when it plays the file as `switchboard/<key>`.
      const key = `${ctx.tenantId}/audio/${id}`;
      let stored;
      try {
        stored = await storage.receive(key, input.body, Math.min(AUDIO_MAX_BYTES, remaining));
      } catch (err) {
        if (err instanceof UploadTooLarge) throw err.bytesSeen > AUDIO_MAX_BYTES ? tooLarge() : quotaReached(limit!);
        throw err;
      }
      try {
        const type = stored.size > 0 ? detectAudioType(stored.head) : null;
        if (!type) {
          throw new AppError('UNPROCESSABLE', 'body: the file is not WAV, MP3 or Ogg audio', {
            fields: [{ path: 'body', message: 'Not WAV (RIFF/WAVE), MP3 (ID3 or MPEG frame) or Ogg audio' }],
          });
        }
        const now = clock.now();
        await db.transaction(async (tx) => {
          const lockedLimit = await repo.storageLimitBytes(ctx.tenantId, tx, true);
          if (lockedLimit !== null && (await repo.storedBytes(ctx.tenantId, tx)) + stored.size > lockedLimit) {
            throw quotaReached(lockedLimit);
          }
          await repo.insert(
            {
              id,
              tenantId: ctx.tenantId,
              name: input.name,
              contentType: type,
              sizeBytes: stored.size,
              sha256: stored.sha256,
              storageKey: `${key}.${audioExtensions[type]}`,
              createdBy: ctx.userId,
              createdAt: now,
            },
            tx,
          );
          await audit.record(
            ctx,
            { action: 'audio.upload', entityType: 'audio', entityId: id, after: { name: input.name, content_type: type, size_bytes: stored.size } },
            tx,
          );
          // Moved into place before commit: a failed rename rolls the row back; a failed commit
          // leaves an unreferenced file, which is harmless.
          await storage.commit(key, `${key}.${audioExtensions[type]}`);
        });
      } catch (err) {
        await storage.discard(key);
        throw err;
      }
      return toAudioFile((await repo.findById(ctx.tenantId, id))!);
    },

    async download(ctx: TenantContext, id: string) {
      const row = await get(ctx, id);
      const file = await storage.open(row.storageKey);
      return {
        contentType: row.contentType,
        size: file.size,
        stream: file.stream,
        disposition: dispositionFor(row.name, audioExtensions[row.contentType]),
      };
    },

    /** Refused (409) while an IVR menu plays the file as its greeting. */
    async remove(ctx: TenantContext, id: string): Promise<void> {
      const row = await db.transaction(async (tx) => {
        const found = await repo.findById(ctx.tenantId, id, tx, true);
        if (!found) throw notFound('Audio file');
        const menus = await repo.usedByMenus(ctx.tenantId, id, tx);
        if (menus.length) {
          throw new AppError('INVALID_STATE', `This audio file is the greeting of IVR menu ${menus.map((m) => m.name).join(', ')}`, {
            referenced_by: menus.map((m) => ({ kind: 'ivr_menu', ...m })),
          });
        }
        await repo.delete(ctx.tenantId, id, tx);
        await audit.record(ctx, { action: 'audio.delete', entityType: 'audio', entityId: id, before: toAudioFile(found) }, tx);
        return found;
      });
      await storage.remove(row.storageKey);
    },
  };
}
export type AudioService = ReturnType<typeof createAudioService>;

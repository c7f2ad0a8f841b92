import type { Destination, DestinationOption, ListDestinationOptionsQuery, Page } from '@switchboard/contracts';
import { destinationOptionKinds } from '@switchboard/contracts';
import type { Executor } from '../../db/client';
import { AppError, fieldError } from '../../lib/app-error';
import type { OutboundPolicyService } from '../outbound/outbound.service';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { DestinationReference, DestinationsRepository } from './destinations.repository';

/** 422 naming the field whose reference does not resolve in the caller's tenant (T3). */
export const unresolvedReference = (path: string, message: string) =>
  new AppError('UNPROCESSABLE', `${path}: ${message}`, { fields: [{ path, message }] });

const kindLabels: Record<DestinationReference['kind'], string> = {
  did: 'DID',
  queue: 'queue',
  ivr_menu: 'IVR menu',
};

/** 409 listing who still sends calls to the object being deleted. */
export function inUse(what: string, refs: DestinationReference[]) {
  const list = refs.map((r) => `${kindLabels[r.kind]} ${r.name}`).join(', ');
  return new AppError('INVALID_STATE', `This ${what} is still used by ${list}; change their routing first`, {
    referenced_by: refs,
  });
}

type OptionKind = (typeof destinationOptionKinds)[number];

export function createDestinationsService(deps: {
  repo: DestinationsRepository;
  /** The outbound calling policy: an external number it refuses is refused here too (issue 16.6). */
  outbound?: Pick<OutboundPolicyService, 'check'>;
}) {
  const { repo } = deps;

  return {
    /**
     * Checks that every object a destination names exists in this tenant; `path` is the field
     * (`body.destination`). Locks the referenced row until the caller's transaction ends, so a
     * concurrent delete cannot slip in between the check and the write.
     */
    async check(exec: Executor, tenantId: string, dest: Destination | null | undefined, path: string) {
      if (!dest) return;
      switch (dest.type) {
        case 'queue':
          if (!(await repo.lockQueue(tenantId, dest.queue_id, exec))) {
            throw unresolvedReference(`${path}.queue_id`, 'No such queue in this organisation');
          }
          return;
        case 'ivr':
          if (!(await repo.lockIvrMenu(tenantId, dest.ivr_menu_id, exec))) {
            throw unresolvedReference(`${path}.ivr_menu_id`, 'No such IVR menu in this organisation');
          }
          return;
        case 'endpoint':
        case 'voicemail': {
          const ep = await repo.lockEndpoint(tenantId, dest.endpoint_id, exec);
          if (!ep) throw unresolvedReference(`${path}.endpoint_id`, 'No such endpoint in this organisation');
          if (dest.type === 'voicemail' && !ep.voicemailEnabled) {
            throw unresolvedReference(`${path}.endpoint_id`, 'This endpoint has voicemail switched off');
          }
          return;
        }
        case 'external': {
          const verdict = await deps.outbound?.check(tenantId, dest.number, { kind: 'routing' });
          if (verdict && !verdict.allowed) throw fieldError(`${path}.number`, verdict.message);
          return;
        }
        case 'hangup':
          return;
      }
    },

    findReferences: (exec: Executor, tenantId: string, id: string) => repo.findReferences(tenantId, id, exec),

    /** Every queue, endpoint, voicemail box and IVR menu, in that order, for a destination picker. */
    async listOptions(tenantId: string, q: ListDestinationOptionsQuery): Promise<Page<DestinationOption>> {
      const cursor = decodeCursor(q.cursor, 2);
      const startKind = cursor ? destinationOptionKinds.indexOf(cursor[0] as OptionKind) : 0;
      if (startKind < 0) throw unresolvedCursor();
      const kinds = destinationOptionKinds.filter((k, i) => i >= startKind && (!q.kind || q.kind === k));
      const found: DestinationOption[] = [];
      for (const kind of kinds) {
        const want = q.limit + 1 - found.length;
        if (want <= 0) break;
        const after = cursor && cursor[0] === kind ? String(cursor[1]) : null;
        found.push(...(await optionsOf(kind, tenantId, after, q.search, want)));
      }
      return pageOf(found, q.limit, (o) => [o.kind, o.id]);
    },
  };

  async function optionsOf(kind: OptionKind, tenantId: string, after: string | null, search: string | undefined, limit: number) {
    switch (kind) {
      case 'queue':
        return (await repo.listQueueOptions(tenantId, after, search, limit)).map(
          (r): DestinationOption => ({
            kind,
            id: r.id,
            label: `Queue: ${r.name}`,
            enabled: r.enabled,
            destination: { type: 'queue', queue_id: r.id },
          }),
        );
      case 'endpoint':
      case 'voicemail':
        return (await repo.listEndpointOptions(tenantId, after, search, limit, kind === 'voicemail')).map(
          (r): DestinationOption => ({
            kind,
            id: r.id,
            label: `${kind === 'voicemail' ? 'Voicemail ' : ''}${r.extension} — ${r.displayName}`,
            enabled: r.enabled,
            destination: { type: kind, endpoint_id: r.id },
          }),
        );
      case 'ivr':
        return (await repo.listIvrOptions(tenantId, after, search, limit)).map(
          (r): DestinationOption => ({
            kind,
            id: r.id,
            label: `IVR: ${r.name}`,
            enabled: r.enabled,
            destination: { type: 'ivr', ivr_menu_id: r.id },
          }),
        );
    }
  }
}
export type DestinationsService = ReturnType<typeof createDestinationsService>;

function unresolvedCursor() {
  return new AppError('VALIDATION_FAILED', 'cursor: invalid cursor', { fields: [{ path: 'cursor', message: 'Invalid cursor' }] });
}

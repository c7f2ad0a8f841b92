import { roomKinds, roomSchema, type RoomKind } from '@switchboard/contracts';
import type { TenantContext } from '../plugins/context';

export type ParsedRoom = { kind: RoomKind; id: string };

export function parseRoom(room: string): ParsedRoom | null {
  if (!roomSchema.safeParse(room).success) return null;
  const i = room.indexOf(':');
  const kind = room.slice(0, i) as RoomKind;
  return roomKinds.includes(kind) ? { kind, id: room.slice(i + 1) } : null;
}

/**
 * Rooms that name a tenant must name the publisher's tenant: a programming error here would
 * leak events across tenants (T6), so it throws instead of publishing.
 */
export function assertRoomOfTenant(tenantId: string, room: string) {
  const parsed = parseRoom(room);
  if (!parsed) throw new Error(`Invalid room name: ${room}`);
  if ((parsed.kind === 'tenant' || parsed.kind === 'supervisor') && parsed.id !== tenantId) {
    throw new Error(`Room ${room} does not belong to tenant ${tenantId}`);
  }
}

/** Decides whether a socket may join a room of some kind: true, or a refusal message. */
export type RoomResolver = (ctx: TenantContext, id: string) => Promise<true | string>;

/**
 * Subscription authorization, like an HTTP route (W3). Room kinds whose ids are rows of some
 * module (queues, chat sessions) get a resolver from that module via `register`.
 */
export function createRoomAuthorizer() {
  const resolvers = new Map<RoomKind, RoomResolver>();
  resolvers.set('tenant', async (ctx, id) => (id === ctx.tenantId ? true : 'Not your organisation'));
  resolvers.set('user', async (ctx, id) => (id === ctx.userId ? true : 'Only your own user room'));
  resolvers.set('supervisor', async (ctx, id) => {
    if (id !== ctx.tenantId) return 'Not your organisation';
    return ctx.permissions.has('calls.supervise') || ctx.permissions.has('analytics.read')
      ? true
      : 'Missing permission calls.supervise';
  });
  return {
    register(kind: RoomKind, resolver: RoomResolver) {
      resolvers.set(kind, resolver);
    },
    async authorize(ctx: TenantContext, room: string): Promise<true | string> {
      const parsed = parseRoom(room);
      if (!parsed) return 'Invalid room name';
      const resolver = resolvers.get(parsed.kind);
      if (!resolver) return `Rooms of kind ${parsed.kind} are not available`;
      return resolver(ctx, parsed.id);
    },
  };
}
export type RoomAuthorizer = ReturnType<typeof createRoomAuthorizer>;

import { and, asc, eq, gt, inArray, isNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { AgentStateName } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { agentStateHistory, agentStates, endpoints, roles, users } from '../../db/schema/index';
import { allowUnscoped, registerTenantTables } from '../../lib/query-audit';

registerTenantTables('agent_states', 'agent_state_history');
allowUnscoped(
  'agents: the presence sweep finds agents of every tenant whose sockets went away',
  /^select `tenant_id`, `user_id` from `agent_states` where \(`agent_states`\.`state` not in \(\?, \?, \?\) and \(`agent_states`\.`last_seen_at` is null/i,
);
allowUnscoped(
  'agents: the wrap-up sweep finds agents of every tenant whose wrap-up time is over',
  /^select `tenant_id`, `user_id` from `agent_states` where \(`agent_states`\.`state` = \? and `agent_states`\.`wrapup_until` <= \?\)/i,
);

const NO_SUCH_TABLE = 1146;

export type AgentStateRow = typeof agentStates.$inferSelect;
export type AgentStatePatch = {
  state: AgentStateName;
  reasonId: string | null;
  currentCallId: string | null;
  wrapupUntil: Date | null;
};

/** Rows of another module's table, read by raw SQL because that table may not exist yet. */
async function optionalRows(exec: Executor, query: SQL): Promise<Record<string, unknown>[]> {
  try {
    const [rows] = (await exec.execute(query)) as unknown as [Record<string, unknown>[]];
    return rows;
  } catch (err) {
    if ((err as { errno?: number }).errno === NO_SUCH_TABLE) return [];
    throw err;
  }
}

export function createAgentsRepository(db: Database) {
  /**
   * The history interval this process opened last, per agent. Only a hint: a transaction that
   * opened it may still roll back (then the UPDATE by id finds nothing and the open one is read).
   */
  const openInterval = new Map<string, number>();
  /** Ends open history intervals by id (primary key: no gap locks); how many it ended. */
  const closeIntervals = async (exec: Executor, tenantId: string, ids: number[], now: Date) => {
    const [res] = await exec
      .update(agentStateHistory)
      .set({
        endedAt: now,
        durationMs: sql`GREATEST(0, TIMESTAMPDIFF(MICROSECOND, ${agentStateHistory.startedAt}, ${now}) DIV 1000)`,
      })
      .where(
        and(
          eq(agentStateHistory.tenantId, tenantId),
          inArray(agentStateHistory.id, ids),
          isNull(agentStateHistory.endedAt),
        ),
      );
    return res.affectedRows;
  };
  const insertInterval = async (
    exec: Executor,
    key: string,
    tenantId: string,
    userId: string,
    patch: AgentStatePatch,
    callId: string | null,
    now: Date,
  ) => {
    const [res] = await exec.insert(agentStateHistory).values({
      tenantId,
      userId,
      state: patch.state,
      reasonId: patch.reasonId,
      callId,
      startedAt: now,
    });
    if (openInterval.size > 50_000) openInterval.clear();
    openInterval.set(key, Number(res.insertId));
  };
  return {
    /** Creates the agent's row (offline) if missing; an existing row is left alone. */
    async ensure(tenantId: string, userId: string, now: Date, exec: Executor = db) {
      await exec
        .insert(agentStates)
        .values({ tenantId, userId, state: 'offline', since: now, version: 1 })
        .onDuplicateKeyUpdate({ set: { userId: sql`${agentStates.userId}` } });
    },
    async find(tenantId: string, userId: string, exec: Executor = db): Promise<AgentStateRow | null> {
      const [row] = await exec
        .select()
        .from(agentStates)
        .where(and(eq(agentStates.tenantId, tenantId), eq(agentStates.userId, userId)))
        .limit(1);
      return row ?? null;
    },
    /**
     * Compare-and-set: changes the row only when `guard` still holds, and bumps the version.
     * Returns the new version when it changed (null: the guard no longer held); the caller's
     * transaction holds the row lock from here on.
     */
    async update(
      exec: Executor,
      tenantId: string,
      userId: string,
      guard: SQL,
      patch: AgentStatePatch,
      now: Date,
    ) {
      // LAST_INSERT_ID(expr) hands the new version back in the statement's own answer, so the
      // caller knows the row as it is now without reading it again.
      const [res] = await exec
        .update(agentStates)
        .set({ ...patch, since: now, version: sql`LAST_INSERT_ID(${agentStates.version} + 1)` })
        .where(and(eq(agentStates.tenantId, tenantId), eq(agentStates.userId, userId), guard));
      return res.affectedRows === 1 ? { version: Number(res.insertId) } : null;
    },
    /**
     * Closes the open history interval and opens the next one. The open row is found first and
     * closed by primary key: an UPDATE through the (tenant, user, ended_at) index would take gap
     * locks that deadlock with other agents' inserts.
     */
    async appendHistory(
      exec: Executor,
      tenantId: string,
      userId: string,
      patch: AgentStatePatch,
      callId: string | null,
      now: Date,
    ) {
      const key = `${tenantId}:${userId}`;
      const known = openInterval.get(key);
      openInterval.delete(key);
      // The interval this process opened last, closed by primary key: no read first. Zero rows
      // means someone else closed it (another worker): then look for the open one.
      if (known !== undefined) {
        if ((await closeIntervals(exec, tenantId, [known], now)) === 1) {
          await insertInterval(exec, key, tenantId, userId, patch, callId, now);
          return;
        }
      }
      const open = await exec
        .select({ id: agentStateHistory.id })
        .from(agentStateHistory)
        .where(
          and(
            eq(agentStateHistory.tenantId, tenantId),
            eq(agentStateHistory.userId, userId),
            isNull(agentStateHistory.endedAt),
          ),
        );
      if (open.length)
        await closeIntervals(
          exec,
          tenantId,
          open.map((o) => o.id),
          now,
        );
      await insertInterval(exec, key, tenantId, userId, patch, callId, now);
    },
    async history(tenantId: string, userId: string) {
      return db
        .select()
        .from(agentStateHistory)
        .where(and(eq(agentStateHistory.tenantId, tenantId), eq(agentStateHistory.userId, userId)))
        .orderBy(asc(agentStateHistory.id));
    },
    /** Marks agents as seen now, creating offline rows for agents seen for the first time. */
    async touchSeen(tenantId: string, userIds: string[], now: Date) {
      if (userIds.length === 0) return;
      await db
        .insert(agentStates)
        .values(
          userIds.map((userId) => ({
            tenantId,
            userId,
            state: 'offline' as const,
            since: now,
            version: 1,
            lastSeenAt: now,
          })),
        )
        .onDuplicateKeyUpdate({ set: { lastSeenAt: now } });
    },
    /** Logged-in agents not seen since `cutoff` and not on a call (every tenant). */
    async findStale(cutoff: Date, limit = 500) {
      return db
        .select({ tenantId: agentStates.tenantId, userId: agentStates.userId })
        .from(agentStates)
        .where(
          and(
            notInArray(agentStates.state, ['offline', 'ringing', 'on_call']),
            or(isNull(agentStates.lastSeenAt), lt(agentStates.lastSeenAt, cutoff)),
            lt(agentStates.since, cutoff),
          ),
        )
        .limit(limit);
    },
    /** Agents of every tenant whose wrap-up ended by `now`. */
    async findExpiredWrapUps(now: Date, limit = 500) {
      return db
        .select({ tenantId: agentStates.tenantId, userId: agentStates.userId })
        .from(agentStates)
        .where(and(eq(agentStates.state, 'wrap_up'), lte(agentStates.wrapupUntil, now)))
        .limit(limit);
    },
    /**
     * The tenant's agents (users whose role holds agent.state), by name, with their state;
     * an agent without a row yet is offline.
     */
    async list(
      tenantId: string,
      state: AgentStateName | undefined,
      after: [string, string] | null,
      limit: number,
    ) {
      const effectiveState = sql<AgentStateName>`COALESCE(${agentStates.state}, 'offline')`;
      return db
        .select({
          userId: users.id,
          name: users.name,
          email: users.email,
          state: effectiveState,
          reasonId: agentStates.reasonId,
          since: agentStates.since,
          version: agentStates.version,
          currentCallId: agentStates.currentCallId,
          wrapupUntil: agentStates.wrapupUntil,
          lastSeenAt: agentStates.lastSeenAt,
          createdAt: users.createdAt,
          // One of the agent's enabled phones stopped answering Asterisk's qualify (issue 16.9).
          phoneUnreachable:
            sql<number>`EXISTS (SELECT 1 FROM ${endpoints} WHERE ${endpoints.tenantId} = ${users.tenantId} AND ${endpoints.userId} = ${users.id} AND ${endpoints.enabled} = 1 AND ${endpoints.reachability} = 'unreachable')`.mapWith(
              (v) => Number(v) === 1,
            ),
        })
        .from(users)
        .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
        .leftJoin(
          agentStates,
          and(eq(agentStates.tenantId, users.tenantId), eq(agentStates.userId, users.id)),
        )
        .where(
          and(
            eq(users.tenantId, tenantId),
            isNull(users.deletedAt),
            eq(users.status, 'active'),
            sql`JSON_CONTAINS(${roles.permissions}, '"agent.state"')`,
            state ? sql`${effectiveState} = ${state}` : undefined,
            after
              ? or(gt(users.name, after[0]), and(eq(users.name, after[0]), gt(users.id, after[1])))
              : undefined,
          ),
        )
        .orderBy(asc(users.name), asc(users.id))
        .limit(limit);
    },
    async pauseReasonExists(tenantId: string, reasonId: string): Promise<boolean> {
      const rows = await optionalRows(
        db,
        sql`SELECT \`id\` FROM \`pause_reasons\` WHERE \`tenant_id\` = ${tenantId} AND \`id\` = ${reasonId} AND \`enabled\` = 1 LIMIT 1`,
      );
      return rows.length > 0;
    },
    /** Queues the agent is a member of (their live state goes to those queue rooms too). */
    async queueIdsOf(tenantId: string, userId: string): Promise<string[]> {
      const rows = await optionalRows(
        db,
        sql`SELECT \`queue_id\` FROM \`queue_members\` WHERE \`tenant_id\` = ${tenantId} AND \`user_id\` = ${userId}`,
      );
      return rows.map((r) => String(r.queue_id));
    },
  };
}
export type AgentsRepository = ReturnType<typeof createAgentsRepository>;

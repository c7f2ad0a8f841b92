-- Agent state and presence (GLOSSARY "Agents"). One row per agent; `version` makes every change a
-- compare-and-set, and the call router claims an agent with a conditional UPDATE (state must be
-- `available`), so no agent is offered two calls even with several workers.
-- `last_seen_at` is refreshed by every API instance holding a socket of the agent (heartbeat):
-- presence survives a crashed instance or a Redis restart because it lives here.

CREATE TABLE agent_states (
  tenant_id CHAR(36) NOT NULL,
  user_id CHAR(36) NOT NULL,
  state VARCHAR(16) NOT NULL DEFAULT 'offline',
  reason_id CHAR(36) NULL,
  since DATETIME(3) NOT NULL,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  current_call_id VARCHAR(64) NULL,
  wrapup_until DATETIME(3) NULL,
  last_seen_at DATETIME(3) NULL,
  PRIMARY KEY (tenant_id, user_id),
  KEY agent_states_tenant_state_idx (tenant_id, state, since),
  KEY agent_states_wrapup_idx (state, wrapup_until),
  KEY agent_states_seen_idx (state, last_seen_at),
  -- T5: an agent row belongs to a user of the same tenant.
  CONSTRAINT agent_states_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
-- One row per state interval, for analytics (occupancy, pause time by reason). The open
-- interval has ended_at NULL; a change closes it and opens the next in the same transaction.
CREATE TABLE agent_state_history (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id CHAR(36) NOT NULL,
  user_id CHAR(36) NOT NULL,
  state VARCHAR(16) NOT NULL,
  reason_id CHAR(36) NULL,
  call_id VARCHAR(64) NULL,
  started_at DATETIME(3) NOT NULL,
  ended_at DATETIME(3) NULL,
  duration_ms BIGINT NULL,
  PRIMARY KEY (id),
  KEY agent_state_history_user_idx (tenant_id, user_id, started_at),
  KEY agent_state_history_open_idx (tenant_id, user_id, ended_at),
  KEY agent_state_history_tenant_time_idx (tenant_id, started_at),
  CONSTRAINT agent_state_history_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

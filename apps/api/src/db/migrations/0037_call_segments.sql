-- Who handled each part of a call (issue 16, point 11). A call keeps its first answering agent in
-- call_records.agent_user_id; the agent on it right now is current_agent_user_id. Every leg that
-- joined the caller (an agent answering from a queue, a transfer target, the callee of an internal
-- call, the agent who placed an outbound call, an outside number) is one call_segments row, keyed by
-- (tenant, call, segment key = the leg's channel id), so a replayed event never doubles a row (D3).
-- Talk time per segment: joined → ended minus the hold inside it; the call's talk is the time some
-- segment was joined (a caller waiting for a blind transfer's target is not talking) minus hold.

ALTER TABLE call_records ADD COLUMN current_agent_user_id CHAR(36) NULL AFTER agent_user_id;
--> statement
UPDATE call_records SET current_agent_user_id = agent_user_id WHERE ended_at IS NULL AND answered_at IS NOT NULL;
--> statement
CREATE TABLE call_segments (
  id CHAR(36) NOT NULL,
  tenant_id CHAR(36) NOT NULL,
  call_id CHAR(36) NOT NULL,
  segment_key VARCHAR(128) NOT NULL,
  kind VARCHAR(24) NOT NULL,
  user_id CHAR(36) NULL,
  endpoint_id CHAR(36) NULL,
  extension VARCHAR(32) NULL,
  number VARCHAR(64) NULL,
  channel_id VARCHAR(64) NULL,
  offered_at DATETIME(3) NULL,
  answered_at DATETIME(3) NOT NULL,
  joined_at DATETIME(3) NOT NULL,
  ended_at DATETIME(3) NULL,
  talk_seconds DECIMAL(10,3) NULL,
  hold_seconds DECIMAL(10,3) NOT NULL DEFAULT 0,
  hold_started_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY call_segments_tenant_key_uq (tenant_id, call_id, segment_key),
  KEY call_segments_tenant_user_idx (tenant_id, user_id, joined_at),
  -- T5: a segment can only belong to a call of its own tenant.
  CONSTRAINT call_segments_call_fk FOREIGN KEY (tenant_id, call_id) REFERENCES call_records (tenant_id, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

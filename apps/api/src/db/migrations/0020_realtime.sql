-- Durable real-time events (DESIGN §4): written to MySQL before they are pushed, so a client
-- that reconnects resumes from its last seen id with nothing missing. Redis pub/sub only fans
-- out; it never holds anything a user was told. Rows older than the retention window are pruned
-- by the worker (jobs/tasks.ts).

CREATE TABLE realtime_events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id CHAR(36) NOT NULL,
  room VARCHAR(80) NOT NULL,
  type VARCHAR(64) NOT NULL,
  payload JSON NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY realtime_events_tenant_id_idx (tenant_id, id),
  KEY realtime_events_tenant_room_idx (tenant_id, room, id),
  KEY realtime_events_created_idx (created_at),
  CONSTRAINT realtime_events_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
-- One row per tenant, locked by every transaction that records events for the tenant until it
-- commits: within a tenant, events commit in id order, so "everything after id N" is exact and a
-- client resuming from N can never skip a row that committed late.
CREATE TABLE realtime_streams (
  tenant_id CHAR(36) NOT NULL,
  last_event_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id),
  CONSTRAINT realtime_streams_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

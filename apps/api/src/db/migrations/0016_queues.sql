-- Queues run by Switchboard's own router (not Asterisk's app_queue), their members, and the
-- tenant's pause reasons. Destinations (overflow) are JSON objects of the contracts'
-- `destinationSchema`; the service checks that what they reference exists in the same tenant.

CREATE TABLE queues (
  id CHAR(36) NOT NULL,
  tenant_id CHAR(36) NOT NULL,
  name VARCHAR(80) NOT NULL,
  strategy VARCHAR(16) NOT NULL,
  ring_timeout_seconds INT NOT NULL,
  retry_seconds INT NOT NULL,
  wrapup_seconds INT NOT NULL,
  max_wait_seconds INT NULL,
  overflow_destination JSON NULL,
  max_callers INT NULL,
  music_class VARCHAR(64) NOT NULL DEFAULT 'default',
  join_empty TINYINT(1) NOT NULL DEFAULT 1,
  leave_when_empty TINYINT(1) NOT NULL DEFAULT 0,
  announce_position TINYINT(1) NOT NULL DEFAULT 0,
  announce_hold_time TINYINT(1) NOT NULL DEFAULT 0,
  announce_frequency_seconds INT NOT NULL DEFAULT 60,
  service_level_seconds INT NOT NULL DEFAULT 20,
  enabled TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY queues_tenant_id_uq (tenant_id, id),
  UNIQUE KEY queues_tenant_name_uq (tenant_id, name),
  CONSTRAINT queues_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE queue_members (
  tenant_id CHAR(36) NOT NULL,
  queue_id CHAR(36) NOT NULL,
  user_id CHAR(36) NOT NULL,
  penalty TINYINT UNSIGNED NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (tenant_id, queue_id, user_id),
  KEY queue_members_user_idx (tenant_id, user_id),
  -- T5: a member row joins a queue and a user of one and the same tenant.
  CONSTRAINT queue_members_queue_fk FOREIGN KEY (tenant_id, queue_id) REFERENCES queues (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT queue_members_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE pause_reasons (
  id CHAR(36) NOT NULL,
  tenant_id CHAR(36) NOT NULL,
  name VARCHAR(60) NOT NULL,
  code VARCHAR(32) NOT NULL,
  paid TINYINT(1) NOT NULL DEFAULT 0,
  max_minutes INT NULL,
  enabled TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY pause_reasons_tenant_id_uq (tenant_id, id),
  UNIQUE KEY pause_reasons_tenant_name_uq (tenant_id, name),
  UNIQUE KEY pause_reasons_tenant_code_uq (tenant_id, code),
  CONSTRAINT pause_reasons_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
-- Tenants that existed before this migration get the same defaults new tenants get at provisioning
-- (contracts `defaultPauseReasons`).
INSERT INTO pause_reasons (id, tenant_id, name, code, paid, max_minutes, enabled, created_at, updated_at)
SELECT UUID(), t.id, d.name, d.code, d.paid, d.max_minutes, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
FROM tenants t
CROSS JOIN (
  SELECT 'Break' AS name, 'break' AS code, 1 AS paid, 15 AS max_minutes
  UNION ALL SELECT 'Lunch', 'lunch', 0, 60
  UNION ALL SELECT 'Training', 'training', 1, NULL
  UNION ALL SELECT 'Meeting', 'meeting', 1, NULL
) d;

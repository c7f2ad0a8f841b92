-- Phone numbers (DIDs). The number is E.164 and unique across the platform: the called number
-- alone tells the router which tenant a call belongs to. Destinations are JSON (contracts
-- `destinationSchema`), checked by the service; a named schedule is a composite foreign key (T5).

CREATE TABLE dids (
  id CHAR(36) NOT NULL,
  tenant_id CHAR(36) NOT NULL,
  number VARCHAR(16) NOT NULL,
  description VARCHAR(200) NULL,
  destination JSON NOT NULL,
  destination_type VARCHAR(16) NOT NULL,
  time_condition_mode VARCHAR(16) NULL,
  schedule_id CHAR(36) NULL,
  closed_destination JSON NULL,
  unanswered_fallback VARCHAR(16) NOT NULL DEFAULT 'voicemail',
  caller_id_name_prefix VARCHAR(40) NULL,
  recording_enabled TINYINT(1) NOT NULL DEFAULT 0,
  sms_enabled TINYINT(1) NOT NULL DEFAULT 0,
  sms_webhook_url VARCHAR(2000) NULL,
  sms_allowed_senders JSON NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY dids_number_uq (number),
  UNIQUE KEY dids_tenant_id_uq (tenant_id, id),
  KEY dids_tenant_type_idx (tenant_id, destination_type, id),
  KEY dids_tenant_schedule_idx (tenant_id, schedule_id),
  CONSTRAINT dids_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT dids_schedule_fk FOREIGN KEY (tenant_id, schedule_id) REFERENCES schedules (tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

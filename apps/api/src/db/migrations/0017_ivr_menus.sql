-- IVR menus. Options and destinations are JSON (contracts `ivrOptionSchema`, `destinationSchema`);
-- the service checks that their references exist in the same tenant. An uploaded greeting is a
-- real composite foreign key, so a menu can never point at another tenant's audio (T5).

CREATE TABLE ivr_menus (
  id CHAR(36) NOT NULL,
  tenant_id CHAR(36) NOT NULL,
  name VARCHAR(80) NOT NULL,
  greeting_type VARCHAR(8) NULL,
  greeting_sound VARCHAR(120) NULL,
  greeting_audio_id CHAR(36) NULL,
  options JSON NOT NULL,
  timeout_seconds INT NOT NULL DEFAULT 5,
  timeout_destination JSON NULL,
  invalid_destination JSON NULL,
  max_retries INT NOT NULL DEFAULT 3,
  enabled TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY ivr_menus_tenant_id_uq (tenant_id, id),
  UNIQUE KEY ivr_menus_tenant_name_uq (tenant_id, name),
  KEY ivr_menus_tenant_audio_idx (tenant_id, greeting_audio_id),
  CONSTRAINT ivr_menus_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT ivr_menus_audio_fk FOREIGN KEY (tenant_id, greeting_audio_id) REFERENCES audio_files (tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

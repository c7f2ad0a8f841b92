-- Switchboard's own telephony tables: the truth the ARA rows (0010) are built from.
--
-- telephony_namespaces gives each tenant a short, stable number so ARA ids read `t42_1001`
-- (DESIGN §5) although tenant ids are UUIDs. It is allocated once, on a tenant's first
-- endpoint or trunk, and never reused: an id in Asterisk always names the same tenant.
CREATE TABLE telephony_namespaces (
  tenant_id CHAR(36) NOT NULL,
  number INT UNSIGNED NOT NULL AUTO_INCREMENT,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (tenant_id),
  UNIQUE KEY telephony_namespaces_number_uq (number),
  CONSTRAINT telephony_namespaces_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE endpoints (
  id CHAR(36) NOT NULL,
  tenant_id CHAR(36) NOT NULL,
  extension VARCHAR(10) NOT NULL,
  display_name VARCHAR(80) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  user_id CHAR(36) NULL,
  codecs JSON NOT NULL,
  nat TINYINT(1) NOT NULL DEFAULT 1,
  max_contacts INT NOT NULL DEFAULT 1,
  caller_id_name VARCHAR(40) NULL,
  caller_id_number VARCHAR(20) NULL,
  voicemail_enabled TINYINT(1) NOT NULL DEFAULT 0,
  enabled TINYINT(1) NOT NULL DEFAULT 1,
  sip_password_enc VARCHAR(255) NOT NULL,
  ara_id VARCHAR(40) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY endpoints_tenant_id_uq (tenant_id, id),
  UNIQUE KEY endpoints_tenant_extension_uq (tenant_id, extension),
  UNIQUE KEY endpoints_ara_id_uq (ara_id),
  KEY endpoints_tenant_kind_idx (tenant_id, kind, id),
  KEY endpoints_tenant_user_idx (tenant_id, user_id, id),
  CONSTRAINT endpoints_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  -- T5: an endpoint can only be assigned to a user of its own tenant.
  CONSTRAINT endpoints_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE trunks (
  id CHAR(36) NOT NULL,
  tenant_id CHAR(36) NOT NULL,
  name VARCHAR(80) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  host VARCHAR(253) NOT NULL,
  port INT NOT NULL DEFAULT 5060,
  transport VARCHAR(8) NOT NULL DEFAULT 'udp',
  username VARCHAR(40) NULL,
  password_enc VARCHAR(255) NULL,
  from_domain VARCHAR(253) NULL,
  match_ips JSON NOT NULL,
  codecs JSON NOT NULL,
  outbound_caller_id VARCHAR(20) NULL,
  dial_rules JSON NOT NULL,
  shared TINYINT(1) NOT NULL DEFAULT 0,
  enabled TINYINT(1) NOT NULL DEFAULT 1,
  ara_id VARCHAR(40) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY trunks_tenant_id_uq (tenant_id, id),
  UNIQUE KEY trunks_tenant_name_uq (tenant_id, name),
  UNIQUE KEY trunks_ara_id_uq (ara_id),
  KEY trunks_shared_idx (shared, id),
  CONSTRAINT trunks_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

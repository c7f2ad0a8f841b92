-- Core tables: tenants, roles, users, auth tokens, TOTP, audit log.
-- Portable across MariaDB 10.11 and MySQL 8: no MariaDB-only syntax, JSON columns, DATETIME(3) in UTC.
-- Statements are separated by a line holding only `--> statement`.

CREATE TABLE tenants (
  id CHAR(36) NOT NULL,
  name VARCHAR(120) NOT NULL,
  slug VARCHAR(48) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'active',
  timezone VARCHAR(64) NOT NULL DEFAULT 'UTC',
  limits JSON NOT NULL,
  features JSON NOT NULL,
  settings JSON NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  deleted_at DATETIME(3) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY tenants_slug_uq (slug),
  KEY tenants_status_idx (status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE roles (
  id CHAR(36) NOT NULL,
  tenant_id CHAR(36) NOT NULL,
  `key` VARCHAR(48) NOT NULL,
  name VARCHAR(80) NOT NULL,
  description VARCHAR(500) NULL,
  is_system TINYINT(1) NOT NULL DEFAULT 0,
  permissions JSON NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY roles_tenant_id_uq (tenant_id, id),
  UNIQUE KEY roles_tenant_key_uq (tenant_id, `key`),
  UNIQUE KEY roles_tenant_name_uq (tenant_id, name),
  CONSTRAINT roles_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE users (
  id CHAR(36) NOT NULL,
  tenant_id CHAR(36) NULL,
  email VARCHAR(254) NOT NULL,
  name VARCHAR(120) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'active',
  role_id CHAR(36) NULL,
  is_platform_admin TINYINT(1) NOT NULL DEFAULT 0,
  locale VARCHAR(16) NOT NULL DEFAULT 'en',
  perm_version INT NOT NULL DEFAULT 1,
  failed_logins INT NOT NULL DEFAULT 0,
  locked_until DATETIME(3) NULL,
  last_login_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  deleted_at DATETIME(3) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY users_email_uq (email),
  UNIQUE KEY users_tenant_id_uq (tenant_id, id),
  KEY users_tenant_status_idx (tenant_id, status, id),
  KEY users_tenant_role_idx (tenant_id, role_id, id),
  CONSTRAINT users_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  -- T5: a user can only hold a role of its own tenant.
  CONSTRAINT users_role_fk FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE refresh_tokens (
  id CHAR(36) NOT NULL,
  user_id CHAR(36) NOT NULL,
  tenant_id CHAR(36) NULL,
  family_id CHAR(36) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  parent_id CHAR(36) NULL,
  replaced_by_id CHAR(36) NULL,
  operator_switch TINYINT(1) NOT NULL DEFAULT 0,
  user_agent VARCHAR(255) NULL,
  ip VARCHAR(64) NULL,
  expires_at DATETIME(3) NOT NULL,
  used_at DATETIME(3) NULL,
  revoked_at DATETIME(3) NULL,
  revoked_reason VARCHAR(32) NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY refresh_tokens_hash_uq (token_hash),
  KEY refresh_tokens_family_idx (family_id),
  KEY refresh_tokens_user_idx (user_id),
  CONSTRAINT refresh_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE password_reset_tokens (
  id CHAR(36) NOT NULL,
  user_id CHAR(36) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  used_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY password_reset_tokens_hash_uq (token_hash),
  KEY password_reset_tokens_user_idx (user_id),
  CONSTRAINT password_reset_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE user_totp (
  user_id CHAR(36) NOT NULL,
  secret_enc VARCHAR(255) NOT NULL,
  confirmed_at DATETIME(3) NULL,
  last_used_step BIGINT NULL,
  failed_attempts INT NOT NULL DEFAULT 0,
  locked_until DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id),
  CONSTRAINT user_totp_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE totp_recovery_codes (
  id CHAR(36) NOT NULL,
  user_id CHAR(36) NOT NULL,
  code_hash CHAR(64) NOT NULL,
  used_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY totp_recovery_codes_user_idx (user_id),
  CONSTRAINT totp_recovery_codes_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id CHAR(36) NULL,
  actor_id CHAR(36) NULL,
  actor_email VARCHAR(254) NULL,
  action VARCHAR(64) NOT NULL,
  entity_type VARCHAR(64) NOT NULL,
  entity_id VARCHAR(64) NULL,
  `before` JSON NULL,
  `after` JSON NULL,
  ip VARCHAR(64) NULL,
  request_id VARCHAR(64) NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY audit_log_tenant_idx (tenant_id, id),
  KEY audit_log_tenant_entity_idx (tenant_id, entity_type, entity_id, id),
  KEY audit_log_tenant_action_idx (tenant_id, action, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

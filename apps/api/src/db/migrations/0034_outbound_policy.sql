-- Per-tenant outbound calling policy (issue 16.6, toll fraud). No row = the default policy
-- (packages/contracts/src/outbound.ts: premium and satellite ranges blocked, every country allowed).
CREATE TABLE tenant_outbound_policies (
  tenant_id CHAR(36) NOT NULL,
  home_prefixes JSON NOT NULL,
  allowed_prefixes JSON NOT NULL,
  blocked_prefixes JSON NOT NULL,
  block_premium_ranges TINYINT(1) NOT NULL DEFAULT 1,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (tenant_id),
  CONSTRAINT tenant_outbound_policies_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
-- Existing tenants: the admin and supervisor system roles get the new calls.international
-- permission, as new tenants do (systemRolePermissions).
UPDATE roles
SET permissions = JSON_ARRAY_APPEND(permissions, '$', 'calls.international')
WHERE is_system = 1
  AND `key` IN ('admin', 'supervisor')
  AND JSON_SEARCH(permissions, 'one', 'calls.international') IS NULL;

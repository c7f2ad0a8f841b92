-- Sign-in throttling by (e-mail, address), by address and by e-mail (RELIABILITY A2), replacing
-- the lock on the user row that also refused the owner's right password. Keys are SHA-256 of the
-- scope and subject, so unknown addresses and client IPs are not stored in the clear; rows exist
-- for unknown e-mails too, so both cases do the same writes (A3). Shared by every API instance.

CREATE TABLE login_throttles (
  throttle_key CHAR(64) NOT NULL,
  scope VARCHAR(16) NOT NULL,
  failures INT NOT NULL DEFAULT 0,
  locked_until DATETIME(3) NULL,
  window_started_at DATETIME(3) NOT NULL,
  window_failures INT NOT NULL DEFAULT 0,
  notified_at DATETIME(3) NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (throttle_key),
  KEY login_throttles_updated_idx (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement
-- One-time sign-in links, e-mailed when an account is under a guessing attack and has no 2FA.
-- Stored as SHA-256 like reset tokens; single use, short expiry.
CREATE TABLE login_links (
  id CHAR(36) NOT NULL,
  user_id CHAR(36) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  used_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY login_links_hash_uq (token_hash),
  KEY login_links_user_idx (user_id),
  CONSTRAINT login_links_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- In-app notifications (the web app's bell menu). Append-only per user; the auto-increment id
-- doubles as the resume cursor for real-time clients (docs/decisions/003).
-- Statements are separated by a line holding only `--> statement`.

CREATE TABLE notifications (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id CHAR(36) NOT NULL,
  user_id CHAR(36) NOT NULL,
  kind VARCHAR(64) NOT NULL,
  title VARCHAR(200) NOT NULL,
  body VARCHAR(2000) NULL,
  link VARCHAR(500) NULL,
  read_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY notifications_user_idx (tenant_id, user_id, id),
  KEY notifications_unread_idx (tenant_id, user_id, read_at, id),
  -- T5: a notification can only belong to a user of its own tenant.
  CONSTRAINT notifications_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

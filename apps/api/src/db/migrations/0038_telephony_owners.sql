-- One row per phone system (ARI server name) a worker has routed calls for, with the time the
-- worker last said it was alive. A platform table: names are operator configuration, not tenant data.
-- At start the worker closes calls owned by a name that is no longer configured, and calls whose
-- caller vanished while it was down, at the owner's last heartbeat instead of "now", so downtime is
-- never counted as wait or talk time (RELIABILITY F7).

CREATE TABLE telephony_owners (
  name VARCHAR(64) NOT NULL,
  started_at DATETIME(3) NOT NULL,
  last_seen_at DATETIME(3) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Reachability of a phone as Asterisk reports it (ARI ContactStatusChange / EndpointStateChange,
-- and GET /endpoints when the worker (re)connects): 'reachable', 'unreachable' (its contact stopped
-- answering qualify OPTIONS, or Asterisk refused to create the channel) or 'unknown' (never heard).
-- Every API instance reads it: the ACD skips agents whose phone is unreachable, the endpoints API
-- shows it next to registration. failed_offers counts originates Asterisk refused in a row; at
-- PHONE_FAILED_OFFERS_BEFORE_PAUSE the agent is put in the system pause "phone unreachable".

ALTER TABLE endpoints
  ADD COLUMN reachability VARCHAR(16) NOT NULL DEFAULT 'unknown',
  ADD COLUMN reachability_at DATETIME(3) NULL,
  ADD COLUMN failed_offers INT NOT NULL DEFAULT 0;

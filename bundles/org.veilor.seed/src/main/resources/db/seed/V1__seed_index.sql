-- The seed index (org.veilor.seed). Same SQL on H2 (PostgreSQL mode) and PostgreSQL.
-- Complete blobs: origin files referenced in place (pinned), added copies (pinned), pulled cache
-- entries (under the LRU cap). Times are epoch milliseconds unless named otherwise.
CREATE TABLE seed_blob (
  hash CHAR(64) NOT NULL PRIMARY KEY,
  size BIGINT NOT NULL,
  kind VARCHAR(8) NOT NULL,
  origin_path VARCHAR(4096),
  last_access BIGINT NOT NULL,
  created BIGINT NOT NULL
);
CREATE INDEX seed_blob_lru ON seed_blob (kind, last_access);
-- Names this node binds: service + name -> hash. For origin files, the size and modification time
-- the file had when it was hashed, so a rescan sees what changed.
CREATE TABLE seed_name (
  service VARCHAR(63) NOT NULL,
  name VARCHAR(1024) NOT NULL,
  hash CHAR(64) NOT NULL,
  size BIGINT NOT NULL,
  mtime BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  PRIMARY KEY (service, name)
);
CREATE INDEX seed_name_hash ON seed_name (hash);
-- Verified announcements, this node's own included: the newest per node, service and name.
-- issued is in epoch seconds (as signed).
CREATE TABLE seed_announcement (
  node CHAR(64) NOT NULL,
  service VARCHAR(63) NOT NULL,
  name VARCHAR(1024) NOT NULL,
  hash CHAR(64) NOT NULL,
  size BIGINT NOT NULL,
  ticket VARCHAR(2400) NOT NULL,
  issued BIGINT NOT NULL,
  signature CHAR(128) NOT NULL,
  received BIGINT NOT NULL,
  PRIMARY KEY (node, service, name)
);
CREATE INDEX seed_announcement_hash ON seed_announcement (hash);
CREATE INDEX seed_announcement_name ON seed_announcement (service, name);
-- Known peers as configured (host:port), with the node that last answered there.
CREATE TABLE seed_peer (
  address VARCHAR(300) NOT NULL PRIMARY KEY,
  node CHAR(64),
  last_seen BIGINT,
  last_error VARCHAR(500),
  updated BIGINT NOT NULL
);
-- Providers caught sending bytes that do not match: tried last, and not at all after three strikes.
CREATE TABLE seed_strike (
  node CHAR(64) NOT NULL PRIMARY KEY,
  strikes INTEGER NOT NULL,
  last_strike BIGINT NOT NULL
);

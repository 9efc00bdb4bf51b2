-- Bijie.Actors: cluster membership on PostgreSQL for Orleans' ADO.NET clustering provider
-- (Microsoft.Orleans.Clustering.AdoNet 10.4.x, invariant "Npgsql").
--
-- Written by the Bijie.Actors team from the provider's contract: at start the provider reads
-- "SELECT QueryKey, QueryText FROM OrleansQuery" and from then on runs only those texts, binding the named
-- parameters listed above each one below, and reading the result columns by name (Version, Address, Port,
-- Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime). The membership
-- table's version is an optimistic-concurrency token: a row changes only together with a version bump from
-- the version the caller read, in one statement, so two silos never both win.
--
-- Idempotent: apply it any number of times (deploy/services.sh applies it on every start).
BEGIN;

-- Two processes applying the schema at once take turns.
SELECT pg_advisory_xact_lock(hashtext('bijie-actors-schema'));

CREATE TABLE IF NOT EXISTS bijie_schema_version (
  component   text        PRIMARY KEY,
  version     text        NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

-- Unquoted on purpose: the provider's fixed query names it without quotes.
CREATE TABLE IF NOT EXISTS OrleansQuery (
  QueryKey   varchar(64) PRIMARY KEY,
  QueryText  text        NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_membership_version (
  deployment_id  varchar(150) PRIMARY KEY,
  version        integer      NOT NULL DEFAULT 0,
  updated_at     timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership (
  deployment_id    varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
  address          varchar(45)  NOT NULL,
  port             integer      NOT NULL,
  generation       integer      NOT NULL,
  silo_name        varchar(150) NOT NULL,
  host_name        varchar(150) NOT NULL,
  status           integer      NOT NULL,   -- Orleans SiloStatus: 3 Active, 6 Dead, ...
  proxy_port       integer      NOT NULL DEFAULT 0,
  suspect_times    text,                    -- "silo,time|silo,time" as the provider formats it
  start_time       timestamptz  NOT NULL,
  i_am_alive_time  timestamptz  NOT NULL,
  PRIMARY KEY (deployment_id, address, port, generation)
);

CREATE INDEX IF NOT EXISTS orleans_membership_status ON orleans_membership (deployment_id, status);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- @DeploymentId -> one boolean: true when this call created the deployment's version row.
('InsertMembershipVersionKey', $q$
WITH created AS (
  INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
  ON CONFLICT (deployment_id) DO NOTHING
  RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created)
$q$),

-- @DeploymentId -> the version row, joined with every member (one row with null members when there are none).
('MembershipReadAllKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
       m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

-- @DeploymentId, @Address, @Port, @Generation -> the version row, joined with that one silo's row if present.
('MembershipReadRowKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
       m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
  AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

-- @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime,
-- @IAmAliveTime, @Version -> true when the silo was added and the version bumped from @Version, else false.
('InsertMembershipKey', $q$
WITH bumped AS (
  UPDATE orleans_membership_version
  SET version = version + 1, updated_at = now()
  WHERE deployment_id = @DeploymentId AND version = @Version
    AND NOT EXISTS (SELECT 1 FROM orleans_membership
                    WHERE deployment_id = @DeploymentId AND address = @Address
                      AND port = @Port AND generation = @Generation)
  RETURNING deployment_id),
added AS (
  INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                  status, proxy_port, start_time, i_am_alive_time)
  SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
         @Status, @ProxyPort, @StartTime, @IAmAliveTime
  FROM bumped
  RETURNING 1)
SELECT EXISTS (SELECT 1 FROM added)
$q$),

-- @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version
-- -> true when the silo's row changed and the version bumped from @Version, else false.
('UpdateMembershipKey', $q$
WITH bumped AS (
  UPDATE orleans_membership_version
  SET version = version + 1, updated_at = now()
  WHERE deployment_id = @DeploymentId AND version = @Version
    AND EXISTS (SELECT 1 FROM orleans_membership
                WHERE deployment_id = @DeploymentId AND address = @Address
                  AND port = @Port AND generation = @Generation)
  RETURNING deployment_id),
changed AS (
  UPDATE orleans_membership m
  SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
  FROM bumped b
  WHERE m.deployment_id = b.deployment_id AND m.address = @Address
    AND m.port = @Port AND m.generation = @Generation
  RETURNING 1)
SELECT EXISTS (SELECT 1 FROM changed)
$q$),

-- @DeploymentId, @Address, @Port, @Generation, @IAmAliveTime: a heartbeat; it does not touch the version.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- @DeploymentId, @Status -> the gateways of active silos (clients use these).
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- @DeploymentId: forgets the deployment (its members go with the version row).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- @DeploymentId, @IAmAliveTime: removes dead silos not heard from since @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO bijie_schema_version (component, version) VALUES ('clustering', 'orleans-10.4/1')
ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = now();

COMMIT;

-- Every change of a resource kept in grain state (helpers, enterprises, needs, matters, expert teams, platforms,
-- reporting periods and their exceptions, accounts, API keys, webhooks, validation rules): one row per version, written
-- before the state. Pairings and projects keep theirs as ledger entries (subject changes) already.
CREATE TABLE IF NOT EXISTS change_records (
  resource     text        NOT NULL,
  resource_id  text        NOT NULL,
  version      integer     NOT NULL,
  at           timestamptz NOT NULL,
  actor        text        NOT NULL,
  action       text        NOT NULL,
  fields       text        NOT NULL,
  PRIMARY KEY (resource, resource_id, version)
);

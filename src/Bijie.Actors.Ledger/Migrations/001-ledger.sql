-- Bijie.Actors ledger, version 1: entries, their lines, commit batches and subject heads.
-- Positions follow commit order: each commit reserves its positions by updating ledger_head, whose row lock
-- it holds until it commits, so a reader that sees the head at P sees every row at or below P.

CREATE TABLE IF NOT EXISTS ledger_head (
  id        smallint PRIMARY KEY CHECK (id = 1),
  position  bigint   NOT NULL
);
INSERT INTO ledger_head (id, position) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

CREATE TABLE IF NOT EXISTS ledger_batches (
  batch_id       bigint      PRIMARY KEY,      -- the batch's first position
  last_position  bigint      NOT NULL,
  committed_at   timestamptz NOT NULL DEFAULT now(),
  delivered      boolean     NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS ledger_batches_undelivered ON ledger_batches (batch_id) WHERE NOT delivered;

CREATE TABLE IF NOT EXISTS ledger_entries (
  position          bigint      PRIMARY KEY,
  batch_id          bigint      NOT NULL,
  entry_id          uuid        NOT NULL UNIQUE,
  kind              smallint    NOT NULL,
  idem_scope        text        NOT NULL,
  idem_key          text        NOT NULL,
  request_hash      bytea       NOT NULL,
  subject_id        text        NOT NULL,
  subject_version   integer,
  occurred_on       date        NOT NULL,
  recorded_at       timestamptz NOT NULL,
  actor             text        NOT NULL,
  on_behalf         boolean     NOT NULL,
  reverses          uuid,
  body              jsonb,
  CONSTRAINT ledger_entries_idempotency UNIQUE (idem_scope, idem_key)
);
CREATE INDEX IF NOT EXISTS ledger_entries_subject ON ledger_entries (subject_id, position);
CREATE INDEX IF NOT EXISTS ledger_entries_reverses ON ledger_entries (reverses) WHERE reverses IS NOT NULL;

CREATE TABLE IF NOT EXISTS ledger_lines (
  position   bigint        NOT NULL,
  line       smallint      NOT NULL,
  batch_id   bigint        NOT NULL,
  indicator  text          NOT NULL,
  year       smallint      NOT NULL,
  month      smallint,
  year_to    smallint,
  member     text,
  value      numeric(20,2) NOT NULL,
  scopes     text[]        NOT NULL,
  PRIMARY KEY (position, line)
);
CREATE INDEX IF NOT EXISTS ledger_lines_scopes ON ledger_lines USING gin (scopes);
CREATE INDEX IF NOT EXISTS ledger_lines_batch ON ledger_lines (batch_id);

CREATE TABLE IF NOT EXISTS ledger_subjects (
  subject_id  text    PRIMARY KEY,
  version     integer NOT NULL,
  position    bigint  NOT NULL,
  body        jsonb   NOT NULL
);

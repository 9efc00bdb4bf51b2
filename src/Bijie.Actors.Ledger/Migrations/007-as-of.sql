-- Boards as of any day. A batch's committed_at is now taken under ledger_head's row lock (clock_timestamp() in the
-- statement that records the batch), so it grows with the positions: the ledger at a time is the prefix through
-- the last batch recorded before it, found by one backward step of this index.
CREATE INDEX IF NOT EXISTS ledger_batches_committed_at ON ledger_batches (committed_at);
-- The first snapshot each roll-up writes on a day (China Standard Time) is kept for that day: a scope as of a past
-- position is read from the kept snapshot nearest below it and the lines between, never from all of its lines.
CREATE TABLE IF NOT EXISTS scope_snapshot_days (
  scope    text    NOT NULL,
  day      date    NOT NULL,
  head     bigint  NOT NULL,
  applied  bigint[] NOT NULL,
  state    bytea   NOT NULL,
  PRIMARY KEY (scope, day)
);

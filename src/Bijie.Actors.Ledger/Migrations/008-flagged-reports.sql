-- Reports accepted with warnings (a validation rule or an outlier) carry a "flags" array in their body; the review
-- queue lists them first. The column is derived from the body by the store itself, so it can never disagree with
-- the entry the hash chain covers; the partial index finds the few flagged among many.
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS flagged boolean
  GENERATED ALWAYS AS (kind = 1 AND strpos(coalesce(body, ''), '"flags":[') > 0) STORED;
CREATE INDEX IF NOT EXISTS ledger_entries_flagged ON ledger_entries (position) WHERE flagged;

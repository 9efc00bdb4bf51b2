-- Tamper evidence: every entry committed from here on carries hash = SHA-256(the previous entry's hash, the entry
-- as stored), computed by the writer in its group commit (Bijie.Actors.Ledger.EntryChain), and ledger_head keeps the
-- last entry's hash beside its position. chain_from is the first position the chain covers: entries committed
-- before this migration carry no hash, and the verifier names them as outside the chain.
-- Bodies are kept as the text that was hashed: jsonb rewrites a document's spacing and key order, so a verifier
-- could not recompute the hash of a jsonb body (nothing queries inside the bodies; they are read whole).
ALTER TABLE ledger_entries ALTER COLUMN body TYPE text USING body::text;
ALTER TABLE ledger_subjects ALTER COLUMN body TYPE text USING body::text;
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS hash bytea;
ALTER TABLE ledger_head ADD COLUMN IF NOT EXISTS hash bytea;
ALTER TABLE ledger_head ADD COLUMN IF NOT EXISTS chain_from bigint;
UPDATE ledger_head SET chain_from = position + 1 WHERE chain_from IS NULL;
-- The daily digest: the chain's head when a day (China Standard Time) was over, read by the first silo to look after
-- midnight, and how many entries and lines the ledger held through it, for printing or sending outside the system. A verifier given a digest checks the chain still ends in
-- that hash at that position: a ledger rewritten with a recomputed chain no longer matches what was printed.
CREATE TABLE IF NOT EXISTS ledger_digests (
  day         date        PRIMARY KEY,
  position    bigint      NOT NULL,
  hash        bytea       NOT NULL,
  entries     bigint      NOT NULL,
  lines       bigint      NOT NULL,
  written_at  timestamptz NOT NULL DEFAULT now()
);

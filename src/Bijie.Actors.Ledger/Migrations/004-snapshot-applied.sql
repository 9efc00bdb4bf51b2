-- A roll-up activates with one statement: its snapshot and the ledger lines after it. The batches above the
-- snapshot's head that the roll-up had already counted are kept beside it, so that the statement can leave them
-- out. Snapshots written before hold them only inside their compressed state (NULL here): a roll-up that finds
-- one reads its lines with a second statement, as it did before, until its next snapshot.
ALTER TABLE scope_snapshots ADD COLUMN IF NOT EXISTS applied bigint[];

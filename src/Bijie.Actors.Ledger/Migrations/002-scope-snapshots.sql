-- Roll-up snapshots: a scope's totals through a ledger position, so that a roll-up grain that activates reads
-- only the lines after it. Kept beside the ledger they summarise (not in Azure Table storage, whose rows hold at
-- most 1 MB: the city's snapshot outgrew it), and backed up with it in one dump.
CREATE TABLE IF NOT EXISTS scope_snapshots (
  scope       text        PRIMARY KEY,
  head        bigint      NOT NULL,
  state       bytea       NOT NULL,
  written_at  timestamptz NOT NULL DEFAULT now()
);

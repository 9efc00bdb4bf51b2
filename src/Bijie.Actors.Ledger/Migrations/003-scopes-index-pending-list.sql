-- The scopes index is GIN, whose fast update keeps new entries in an unsorted pending list (4 MB by default)
-- until a vacuum merges it, and every search reads the whole list. A roll-up activates with one such search: at
-- national scale, with the list full, one activation read about 310 pages for its 5 lines (2.5 ms of the
-- database's time) instead of 6 pages (0.09 ms) right after the list was merged. A small list keeps the bulk
-- merge that makes inserts cheap, and bounds what every search pays.
ALTER INDEX ledger_lines_scopes SET (gin_pending_list_limit = 128);

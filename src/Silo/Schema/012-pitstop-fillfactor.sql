-- Room on each page for an updated row to stay on its page: a HOT update, with no index entry to
-- add to the wide text primary keys. Grain states are rewritten on most events (the row grows a
-- little at times, hence a third of the page). Applies to pages written from now on. Idempotent.
-- (The idempotency keys kept half of each page here while a key was updated once published; they
-- are written once now, see 016.)
ALTER TABLE pitstop_grain_state SET (fillfactor = 70);

-- Room on each page for an updated row to stay on its page: a HOT update, with no index entry to
-- add to the wide text primary keys. Grain states are rewritten on most events (the row grows a
-- little at times, hence a third of the page); an idempotency key is updated once, when its event
-- is published, so half of each page is kept for that second version. Applies to pages written
-- from now on. Idempotent.
ALTER TABLE pitstop_grain_state SET (fillfactor = 70);
ALTER TABLE pitstop_event_key SET (fillfactor = 50);

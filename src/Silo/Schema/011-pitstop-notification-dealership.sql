-- Scoped readers of the feed (a cx desk for Karnataka) read only their dealerships' notifications:
-- each notification names the dealership it concerns; one appended before this column has none
-- and is read by unscoped readers only.
ALTER TABLE pitstop_notification ADD COLUMN IF NOT EXISTS dealership_id text;
CREATE INDEX IF NOT EXISTS pitstop_notification_dealership ON pitstop_notification (dealership_id, seq);

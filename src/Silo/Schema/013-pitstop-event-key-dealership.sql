-- What a reversal is checked against (issue 20). Idempotent; rows written before it keep NULLs.
-- dealership_id: the dealership of the accepted event, written when it is published, so that a
--   reversal filed under another dealership is refused. NULL on rows accepted before this script:
--   their reversals cannot be checked and are taken as before.
-- claimant: on a reversal's key ("~reversal", "{source}:{id}" of the original), the reversal event
--   ("{source}:{id}") that claimed it. Only that event may take an unpublished claim over again
--   (its retry after a crash); any other reversal of the same original is refused.
ALTER TABLE pitstop_event_key ADD COLUMN IF NOT EXISTS dealership_id varchar(128);
ALTER TABLE pitstop_event_key ADD COLUMN IF NOT EXISTS claimant varchar(161);

-- A run claims (leases) the pending entries it fetches, so two ingest-entries runs never fetch the same pages;
-- an entry whose lease has expired (its run died) can be claimed again.
ALTER TABLE feed_entries ADD COLUMN claimed_by VARCHAR;          -- runs.run_id of the run holding the lease
ALTER TABLE feed_entries ADD COLUMN claimed_until TIMESTAMPTZ;   -- the lease ends; NULL = never claimed

-- The input files a backfill has fully loaded: an unchanged file (same size and mtime) is skipped next time,
-- so a rerun over the same folder costs a directory listing, not a re-read.
CREATE TABLE sources (
    source_uri    VARCHAR PRIMARY KEY,   -- the path as given to the backfill
    size          BIGINT NOT NULL,
    mtime_ns      BIGINT NOT NULL,
    n_items       BIGINT NOT NULL,       -- documents + rejects read from it
    run_id        VARCHAR NOT NULL,
    completed_at  TIMESTAMPTZ NOT NULL
);

ALTER TABLE runs ADD COLUMN n_skipped_files BIGINT;

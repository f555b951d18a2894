-- Live ingestion: the feed registry with its health, the entries seen per feed, and where a document came from.
ALTER TABLE documents ADD COLUMN origin VARCHAR;  -- file | page (fetched) | feed_entry (page unavailable: the feed's own text)

CREATE TABLE feeds (
    url                    VARCHAR PRIMARY KEY,   -- normalised
    name                   VARCHAR NOT NULL,
    language               VARCHAR,
    country                VARCHAR,
    poll_interval_minutes  INTEGER NOT NULL DEFAULT 15,
    enabled                BOOLEAN NOT NULL DEFAULT TRUE,
    added_at               TIMESTAMPTZ NOT NULL,
    etag                   VARCHAR,               -- validators for the next conditional GET
    last_modified          VARCHAR,
    last_polled_at         TIMESTAMPTZ,
    last_status            VARCHAR,               -- 200, 304, or a failure reason code (http_404, timeout, malformed, ...)
    last_error             VARCHAR,
    last_success_at        TIMESTAMPTZ,
    consecutive_failures   INTEGER NOT NULL DEFAULT 0,
    entries_seen           INTEGER,               -- in the last successful parse
    entries_new            INTEGER,               -- new in the last poll
    total_new              BIGINT NOT NULL DEFAULT 0,
    last_new_at            TIMESTAMPTZ
);

CREATE TABLE feed_entries (
    feed_url      VARCHAR NOT NULL,
    entry_id      VARCHAR NOT NULL,
    url           VARCHAR,                        -- normalised
    title         VARCHAR,
    summary       VARCHAR,
    published_at  TIMESTAMPTZ,
    status        VARCHAR NOT NULL,               -- pending | page | feed_entry | rejected
    doc_id        VARCHAR,
    first_seen_at TIMESTAMPTZ NOT NULL,
    run_id        VARCHAR NOT NULL,
    PRIMARY KEY (feed_url, entry_id)
);

-- One query for "which feeds have gone quiet or keep failing".
CREATE VIEW feed_health AS
SELECT url, name, enabled, poll_interval_minutes, last_polled_at, last_status, last_error, last_success_at, consecutive_failures,
       entries_seen, entries_new, total_new, last_new_at,
       CASE
           WHEN NOT enabled THEN 'disabled'
           WHEN last_polled_at IS NULL THEN 'never_polled'
           WHEN consecutive_failures >= 3 THEN 'failing'
           WHEN consecutive_failures > 0 THEN 'erroring'
           WHEN coalesce(last_new_at, added_at) < now() - INTERVAL 2 DAY THEN 'quiet'
           ELSE 'ok'
       END AS health
FROM feeds;

-- The backbone: documents, the runs that loaded them, and every input that was rejected.
CREATE TABLE documents (
    doc_id        VARCHAR PRIMARY KEY,  -- deterministic: url, else (source, external_id), else content hash
    external_id   VARCHAR,              -- a JSONL `id`, a feed entry id, a WARC record id
    source_uri    VARCHAR NOT NULL,     -- the file (with #L<n> / #entry<n>) or URL it was read from
    url           VARCHAR,
    title         VARCHAR,
    author        VARCHAR,
    published_at  TIMESTAMPTZ,          -- UTC; NULL unless the page or record states it
    language      VARCHAR,              -- ISO 639-1, declared or detected
    sitename      VARCHAR,
    hostname      VARCHAR,
    description   VARCHAR,
    categories    VARCHAR,
    tags          VARCHAR,
    image         VARCHAR,
    fingerprint   VARCHAR,              -- trafilatura's simhash of the text
    source        VARCHAR,              -- publisher or feed name
    text          VARCHAR NOT NULL,
    word_count    INTEGER NOT NULL,
    content_hash  VARCHAR NOT NULL,     -- sha256 of text
    version       INTEGER NOT NULL DEFAULT 1,  -- bumped when the same doc_id comes back with new content
    run_id        VARCHAR NOT NULL,     -- the run that wrote this version
    ingested_at   TIMESTAMPTZ NOT NULL, -- first stored
    updated_at    TIMESTAMPTZ NOT NULL  -- this version stored
);

CREATE TABLE runs (
    run_id       VARCHAR PRIMARY KEY,
    flow_run_id  VARCHAR,               -- Prefect's flow run id
    flow         VARCHAR NOT NULL,
    parameters   VARCHAR,               -- JSON
    host         VARCHAR,
    pid          INTEGER,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    status       VARCHAR NOT NULL,      -- running | completed | failed
    n_read       BIGINT NOT NULL DEFAULT 0,
    n_new        BIGINT NOT NULL DEFAULT 0,
    n_duplicate  BIGINT NOT NULL DEFAULT 0,
    n_updated    BIGINT NOT NULL DEFAULT 0,
    n_rejected   BIGINT NOT NULL DEFAULT 0,
    error        VARCHAR
);

CREATE TABLE rejects (
    run_id       VARCHAR NOT NULL,
    source_uri   VARCHAR NOT NULL,
    stage        VARCHAR NOT NULL,      -- read | clean | extract | fetch
    reason       VARCHAR NOT NULL,      -- a short code: binary_file, empty_text, bad_json, corrupt_gzip, ...
    detail       VARCHAR,
    rejected_at  TIMESTAMPTZ NOT NULL
);

-- Structured news-event fields. Every row carries the extractor version and the run that wrote it;
-- a document's rows are replaced as a whole when it is re-extracted. Spans are 0-based, end-exclusive
-- character offsets into documents.text. No secondary indexes (they block later ALTERs in DuckDB).
CREATE TABLE extractions (
    doc_id             VARCHAR PRIMARY KEY,
    extractor_version  VARCHAR NOT NULL,
    language           VARCHAR,
    skipped_reason     VARCHAR,          -- NULL when extracted; e.g. language_not_supported:de
    run_id             VARCHAR NOT NULL,
    extracted_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE sentences (
    doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL, run_id VARCHAR NOT NULL
);

CREATE TABLE entities (
    doc_id VARCHAR NOT NULL, entity_index INTEGER NOT NULL,
    kind VARCHAR NOT NULL, text VARCHAR NOT NULL, name VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL, run_id VARCHAR NOT NULL
);

CREATE TABLE places (
    doc_id VARCHAR NOT NULL, place_index INTEGER NOT NULL,
    text VARCHAR NOT NULL, name VARCHAR NOT NULL, geonameid BIGINT, feature_kind VARCHAR NOT NULL,
    country_code VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
    precision VARCHAR NOT NULL, role VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL, run_id VARCHAR NOT NULL
);

CREATE TABLE counts (
    doc_id VARCHAR NOT NULL, count_index INTEGER NOT NULL,
    kind VARCHAR NOT NULL, trigger VARCHAR NOT NULL,
    value_low BIGINT, value_high BIGINT, vague BOOLEAN NOT NULL, qualifier VARCHAR,
    victim_group VARCHAR NOT NULL, victim_text VARCHAR, temporal VARCHAR NOT NULL, claim_source VARCHAR,
    sentence_index INTEGER NOT NULL, number_start INTEGER, number_end INTEGER,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL, run_id VARCHAR NOT NULL
);

CREATE TABLE dates (
    doc_id VARCHAR NOT NULL, date_index INTEGER NOT NULL,
    text VARCHAR NOT NULL, value DATE NOT NULL, precision VARCHAR NOT NULL,
    relative BOOLEAN NOT NULL, reference VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL, run_id VARCHAR NOT NULL
);

CREATE TABLE events (
    doc_id VARCHAR NOT NULL, event_index INTEGER NOT NULL,
    event_type VARCHAR NOT NULL, sub_event_type VARCHAR, confidence DOUBLE NOT NULL,
    sentence_indexes INTEGER[] NOT NULL,
    extractor_version VARCHAR NOT NULL, run_id VARCHAR NOT NULL
);

CREATE TABLE figures (
    doc_id VARCHAR PRIMARY KEY,
    killed BIGINT, injured BIGINT, arrested BIGINT,
    event_type VARCHAR, sub_event_type VARCHAR, event_date DATE,
    event_place VARCHAR, event_country VARCHAR, event_admin1 VARCHAR, event_lat DOUBLE, event_lon DOUBLE,
    extractor_version VARCHAR NOT NULL, run_id VARCHAR NOT NULL
);

-- One row per document: the roll-up an analyst can trust (NULL = not reported, 0 = reported as none).
CREATE VIEW document_figures AS
SELECT d.doc_id, f.killed, f.injured, f.arrested, f.event_type, f.sub_event_type, f.event_date,
       f.event_place, f.event_country, f.event_admin1, f.event_lat, f.event_lon,
       d.published_at, d.title, d.url, f.extractor_version
FROM documents AS d
LEFT JOIN figures AS f USING (doc_id);

-- Every version of every document: `document_versions` is append-only (a row is never deleted; only the
-- valid_to of the version a new one supersedes is set), `documents` stays the table of current versions.
-- The extraction tables keep holding the fields of the current version only (so every query and later
-- ALTER on them works as before), now keyed by (doc_id, version); when a version is superseded its field
-- rows move, whole and as JSON, to `superseded_fields`, keyed by (doc_id, version, table_name, row_index).
CREATE TABLE document_versions (
    doc_id        VARCHAR NOT NULL,
    version       INTEGER NOT NULL,          -- 1, 2, ... in the order the contents arrived
    content_hash  VARCHAR NOT NULL,          -- sha256 of text
    text          VARCHAR NOT NULL,
    source_uri    VARCHAR NOT NULL,          -- where this version was read from
    title         VARCHAR,
    published_at  TIMESTAMPTZ,
    run_id        VARCHAR NOT NULL,          -- the run that stored this version
    valid_from    TIMESTAMPTZ NOT NULL,      -- when it was stored
    valid_to      TIMESTAMPTZ,               -- when a newer version superseded it; NULL for the current one
    PRIMARY KEY (doc_id, version)
);

-- Today's rows: the current version of each document (earlier versions were overwritten before this migration).
INSERT INTO document_versions
SELECT doc_id, version, content_hash, text, source_uri, title, published_at, run_id, updated_at, NULL
FROM documents;

-- The version of the document the fields were extracted from, and (on extractions) the hash of that text.
ALTER TABLE extractions ADD COLUMN version INTEGER;
ALTER TABLE extractions ADD COLUMN content_hash VARCHAR;
ALTER TABLE sentences ADD COLUMN version INTEGER;
ALTER TABLE entities ADD COLUMN version INTEGER;
ALTER TABLE places ADD COLUMN version INTEGER;
ALTER TABLE counts ADD COLUMN version INTEGER;
ALTER TABLE dates ADD COLUMN version INTEGER;
ALTER TABLE events ADD COLUMN version INTEGER;
ALTER TABLE figures ADD COLUMN version INTEGER;

-- Fields stored before this migration were written with their document's current text in one transaction.
UPDATE extractions SET version = d.version, content_hash = d.content_hash FROM documents d WHERE extractions.doc_id = d.doc_id;
UPDATE sentences SET version = d.version FROM documents d WHERE sentences.doc_id = d.doc_id;
UPDATE entities SET version = d.version FROM documents d WHERE entities.doc_id = d.doc_id;
UPDATE places SET version = d.version FROM documents d WHERE places.doc_id = d.doc_id;
UPDATE counts SET version = d.version FROM documents d WHERE counts.doc_id = d.doc_id;
UPDATE dates SET version = d.version FROM documents d WHERE dates.doc_id = d.doc_id;
UPDATE events SET version = d.version FROM documents d WHERE events.doc_id = d.doc_id;
UPDATE figures SET version = d.version FROM documents d WHERE figures.doc_id = d.doc_id;

CREATE TABLE superseded_fields (
    doc_id         VARCHAR NOT NULL,
    version        INTEGER NOT NULL,         -- the superseded version these fields describe
    table_name     VARCHAR NOT NULL,         -- extractions, sentences, entities, places, counts, dates, events, figures
    row_index      INTEGER NOT NULL,         -- 0, 1, ... within (doc_id, version, table_name)
    data           JSON NOT NULL,            -- the row as it was, every column (extractor_version, run_id, ...)
    superseded_at  TIMESTAMPTZ NOT NULL,
    run_id         VARCHAR NOT NULL          -- the run that stored the newer version
);

-- The roll-up of every version of every document, oldest first: "5 dead", then "12 dead".
CREATE VIEW document_figure_versions AS
WITH f AS (
    SELECT doc_id, version, killed, injured, arrested, event_type, sub_event_type, event_date, event_place,
           event_country, extractor_version
    FROM figures
    UNION ALL
    SELECT doc_id, version, (data->>'killed')::BIGINT, (data->>'injured')::BIGINT, (data->>'arrested')::BIGINT,
           data->>'event_type', data->>'sub_event_type', (data->>'event_date')::DATE, data->>'event_place',
           data->>'event_country', data->>'extractor_version'
    FROM superseded_fields
    WHERE table_name = 'figures'
)
SELECT v.doc_id, v.version, v.valid_from, v.valid_to, f.killed, f.injured, f.arrested, f.event_type,
       f.sub_event_type, f.event_date, f.event_place, f.event_country, v.title, v.published_at, v.content_hash,
       f.extractor_version
FROM document_versions AS v
LEFT JOIN f USING (doc_id, version);

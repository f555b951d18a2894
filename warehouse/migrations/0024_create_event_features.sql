-- What the same-event rules read of each document, kept beside the cluster tables (keyed by doc_id) so a
-- batch finds its candidates (documents of the same or an adjacent day) without joining the whole warehouse.
-- Derived from documents, figures and entities by warehouse/clusters.py; rebuilt by `wirehouse recluster`.
CREATE TABLE event_features (
    doc_id        VARCHAR PRIMARY KEY,
    day           DATE,                 -- the event date, else the publication day (UTC)
    event_type    VARCHAR,
    country       VARCHAR,
    admin1        VARCHAR,
    place         VARCHAR,
    lat           DOUBLE,
    lon           DOUBLE,
    killed        BIGINT,
    injured       BIGINT,
    arrested      BIGINT,
    names         VARCHAR[],            -- people and organisations named, lower-cased
    keywords      VARCHAR[],            -- words of the title and lead (see tasks/core/clustering.py)
    undated       BOOLEAN,              -- no event date: `day` is the publication day (the event: up to 3 days before)
    rule_version  VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL
);

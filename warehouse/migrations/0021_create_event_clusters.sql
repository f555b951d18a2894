-- Same-event clusters: documents reporting one real-world event, across outlets and runs.
-- `event_links` holds each pair the rules linked (doc_id < other_doc_id); clusters are its connected
-- components, so they do not depend on the order documents arrived in. Keyed by doc_id.
CREATE TABLE event_links (
    doc_id        VARCHAR NOT NULL,
    other_doc_id  VARCHAR NOT NULL,
    score         DOUBLE NOT NULL,
    shared        VARCHAR NOT NULL,     -- the features the pair shared, e.g. 'place,date,type,actors'
    rule_version  VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL
);

-- One row per document: its cluster and why it joined it.
CREATE TABLE event_clusters (
    doc_id        VARCHAR PRIMARY KEY,
    cluster_id    VARCHAR NOT NULL,     -- the smallest doc_id in the cluster
    joined_via    VARCHAR,              -- the document it is most strongly linked to; NULL in a cluster of one
    score         DOUBLE,               -- that link's score
    shared        VARCHAR,              -- that link's shared features
    rule_version  VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,
    clustered_at  TIMESTAMPTZ NOT NULL
);

-- Near-duplicate documents (syndicated copy, a republished page with a new headline or a trimmed tail),
-- found at load time with MinHash LSH (datasketch). Keyed by doc_id; read document fields through `documents`.
-- The LSH index lives in the warehouse, so a batch is compared with everything stored without rebuilding it.
CREATE TABLE minhash_signatures (
    doc_id        VARCHAR PRIMARY KEY,
    signature     BLOB NOT NULL,        -- the MinHash hash values, little-endian uint32, num_perm of them
    n_shingles    INTEGER NOT NULL,     -- distinct word 3-grams: turns a Jaccard estimate into containment
    content_hash  VARCHAR NOT NULL,     -- the documents.content_hash it was computed from
    run_id        VARCHAR NOT NULL
);

-- One row per (document, LSH band): documents sharing a (band, bucket) are candidate near-duplicates.
CREATE TABLE minhash_bands (
    doc_id  VARCHAR NOT NULL,
    band    SMALLINT NOT NULL,
    bucket  UBIGINT NOT NULL
);

-- One row per document that is a near-duplicate of an earlier one.
CREATE TABLE near_duplicates (
    doc_id             VARCHAR PRIMARY KEY,
    near_duplicate_of  VARCHAR NOT NULL,  -- the earliest published copy (then the smallest doc_id)
    similarity         DOUBLE NOT NULL,   -- estimated share of the shorter copy's word 3-grams found in the other
    rule_version       VARCHAR NOT NULL,
    run_id             VARCHAR NOT NULL
);

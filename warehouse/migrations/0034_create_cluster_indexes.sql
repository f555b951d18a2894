-- ART indexes on the keys the incremental clustering (warehouse/clusters.py) looks rows up by, so a batch reads
-- only the rows of its own documents, their LSH buckets, their day window, links and clusters (an index scan)
-- instead of scanning whole tables: its cost depends on the batch, not on the size of the warehouse.
-- Keys already indexed by a PRIMARY KEY (documents, figures, minhash_signatures, near_duplicates.doc_id,
-- event_features.doc_id, event_clusters.doc_id) need nothing here.
-- DuckDB refuses ALTER TABLE ... DROP / RENAME / ALTER COLUMN TYPE on a table with an index (ADD COLUMN works):
-- a later migration that needs one drops the index first and creates it again after.
CREATE INDEX minhash_bands_bucket ON minhash_bands (bucket);
CREATE INDEX minhash_bands_doc ON minhash_bands (doc_id);
CREATE INDEX near_duplicates_of ON near_duplicates (near_duplicate_of);
CREATE INDEX event_features_day ON event_features (day);
CREATE INDEX event_links_doc ON event_links (doc_id);
CREATE INDEX event_links_other ON event_links (other_doc_id);
CREATE INDEX event_clusters_cluster ON event_clusters (cluster_id);
CREATE INDEX entities_doc ON entities (doc_id);
CREATE INDEX dates_doc ON dates (doc_id);

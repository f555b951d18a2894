-- The most reported events: clusters by how many distinct outlets reported them, then how many documents.
SELECT cluster_id, event_type, event_date, place, country, n_sources, n_documents, killed_best, injured_best,
       arrested_best, first_seen_at, last_seen_at
FROM event_records
ORDER BY n_sources DESC, n_documents DESC, event_date DESC NULLS LAST, cluster_id
LIMIT 25;

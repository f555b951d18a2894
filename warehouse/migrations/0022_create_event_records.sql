-- One row per same-event cluster, reconciled across its reports (ACLED-style). Rules, per cluster:
--   event_type / sub_event_type: the pair most documents gave (ties: alphabetical);
--   place, admin1, country, lat, lon, precision: the place most documents gave, finer precision first on ties;
--   event_date: the earliest date a document gave that is not after its own publication day
--     (a credible date), else the earliest publication day;
--   killed / injured / arrested: _low and _high are the smallest and largest figure any report gave; _best is
--     the most conservative (lowest) figure among the reports of the latest day on which any report gave one,
--     so later reports that revise a toll upward replace earlier, lower ones, and a single outlier high figure
--     on an earlier day does not;
--   actors: the organisations named, most documents first (at most 5);
--   n_sources: distinct outlets (documents.source, else sitename, else hostname).
CREATE VIEW event_records AS
WITH docs AS (
    SELECT c.cluster_id, d.doc_id,
           coalesce(d.source, d.sitename, d.hostname, d.source_uri) AS outlet,
           coalesce(d.published_at, d.ingested_at) AS reported_at,
           d.published_at, d.ingested_at,
           f.event_type, f.sub_event_type, f.event_date, f.event_place, f.event_country, f.event_admin1,
           f.event_lat, f.event_lon, f.killed, f.injured, f.arrested
    FROM event_clusters AS c
    JOIN documents AS d USING (doc_id)
    LEFT JOIN figures AS f USING (doc_id)
),
precisions AS (
    SELECT p.doc_id, p.name,
           min(CASE p.precision WHEN 'place' THEN 1 WHEN 'admin1' THEN 2 WHEN 'country' THEN 3 END) AS rank
    FROM places AS p WHERE p.role = 'event' GROUP BY ALL
),
types AS (
    SELECT cluster_id, event_type, sub_event_type,
           row_number() OVER (PARTITION BY cluster_id ORDER BY count(*) DESC, event_type, sub_event_type NULLS LAST) AS rn
    FROM docs WHERE event_type IS NOT NULL GROUP BY cluster_id, event_type, sub_event_type
),
sites AS (
    SELECT docs.cluster_id, docs.event_place, docs.event_country, docs.event_admin1,
           min(docs.event_lat) AS lat, min(docs.event_lon) AS lon, min(pr.rank) AS rank,
           row_number() OVER (PARTITION BY docs.cluster_id
                              ORDER BY docs.event_place IS NULL, count(*) DESC, min(pr.rank) NULLS LAST,
                                       docs.event_place, docs.event_country) AS rn
    FROM docs LEFT JOIN precisions AS pr ON pr.doc_id = docs.doc_id AND pr.name = docs.event_place
    WHERE docs.event_place IS NOT NULL OR docs.event_country IS NOT NULL
    GROUP BY docs.cluster_id, docs.event_place, docs.event_country, docs.event_admin1
),
tolls AS (
    SELECT cluster_id,
           min(killed) AS killed_low, max(killed) AS killed_high,
           min(injured) AS injured_low, max(injured) AS injured_high,
           min(arrested) AS arrested_low, max(arrested) AS arrested_high,
           max(CASE WHEN killed IS NOT NULL THEN reported_at::DATE END) AS killed_day,
           max(CASE WHEN injured IS NOT NULL THEN reported_at::DATE END) AS injured_day,
           max(CASE WHEN arrested IS NOT NULL THEN reported_at::DATE END) AS arrested_day
    FROM docs GROUP BY cluster_id
),
best AS (
    SELECT docs.cluster_id,
           min(docs.killed) FILTER (WHERE docs.reported_at::DATE = t.killed_day) AS killed_best,
           min(docs.injured) FILTER (WHERE docs.reported_at::DATE = t.injured_day) AS injured_best,
           min(docs.arrested) FILTER (WHERE docs.reported_at::DATE = t.arrested_day) AS arrested_best
    FROM docs JOIN tolls AS t USING (cluster_id) GROUP BY docs.cluster_id
),
actors AS (
    SELECT cluster_id, list(name ORDER BY n DESC, name)[1:5] AS actors
    FROM (SELECT docs.cluster_id, e.name, count(DISTINCT e.doc_id) AS n
          FROM docs JOIN entities AS e ON e.doc_id = docs.doc_id AND e.kind = 'ORG' GROUP BY ALL)
    GROUP BY cluster_id
),
spans AS (
    SELECT cluster_id,
           coalesce(min(event_date) FILTER (WHERE published_at IS NULL OR event_date <= published_at::DATE),
                    min(published_at::DATE)) AS event_date,
           count(*) AS n_documents, count(DISTINCT outlet) AS n_sources,
           min(ingested_at) AS first_seen_at, max(ingested_at) AS last_seen_at,
           list(doc_id ORDER BY doc_id) AS doc_ids
    FROM docs GROUP BY cluster_id
)
SELECT s.cluster_id, ty.event_type, ty.sub_event_type, s.event_date,
       si.event_country AS country, si.event_admin1 AS admin1, si.event_place AS place,
       si.lat, si.lon, CASE si.rank WHEN 1 THEN 'place' WHEN 2 THEN 'admin1' WHEN 3 THEN 'country' END AS precision,
       coalesce(a.actors, []::VARCHAR[]) AS actors,
       t.killed_low, t.killed_high, b.killed_best,
       t.injured_low, t.injured_high, b.injured_best,
       t.arrested_low, t.arrested_high, b.arrested_best,
       s.n_documents, s.n_sources, s.first_seen_at, s.last_seen_at, s.doc_ids
FROM spans AS s
JOIN tolls AS t USING (cluster_id)
JOIN best AS b USING (cluster_id)
LEFT JOIN types AS ty ON ty.cluster_id = s.cluster_id AND ty.rn = 1
LEFT JOIN sites AS si ON si.cluster_id = s.cluster_id AND si.rn = 1
LEFT JOIN actors AS a ON a.cluster_id = s.cluster_id;

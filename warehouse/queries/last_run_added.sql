-- What last night added: for the latest completed run that wrote anything, the documents it stored
-- (new or changed), how many of them are near-duplicates, and the events they reported or joined.
WITH last_run AS (
    SELECT run_id, flow, started_at, finished_at FROM runs
    WHERE status = 'completed' AND (n_new > 0 OR n_updated > 0)
    ORDER BY finished_at DESC LIMIT 1
),
added AS (SELECT d.doc_id FROM documents AS d JOIN last_run USING (run_id))
SELECT r.run_id, r.flow, r.started_at, r.finished_at,
       (SELECT count(*) FROM added) AS documents,
       (SELECT count(*) FROM near_duplicates WHERE doc_id IN (SELECT doc_id FROM added)) AS near_duplicates,
       (SELECT count(DISTINCT cluster_id) FROM event_clusters WHERE doc_id IN (SELECT doc_id FROM added)) AS events,
       (SELECT count(DISTINCT c.cluster_id) FROM event_clusters AS c
         WHERE c.doc_id IN (SELECT doc_id FROM added)
           AND EXISTS (SELECT 1 FROM event_clusters AS o WHERE o.cluster_id = c.cluster_id
                       AND o.doc_id NOT IN (SELECT doc_id FROM added))) AS events_grown
FROM last_run AS r;

-- Why inputs were rejected: one row per (stage, reason), the most frequent first, with the last run it happened in.
SELECT stage, reason, count(*) AS rejects, max(rejected_at) AS last_seen
FROM rejects
GROUP BY ALL
ORDER BY rejects DESC, stage, reason;

-- Events by type and first-level region: one row per (country, admin1, event_type) over event_records.
SELECT country, admin1, event_type, count(*) AS events, sum(n_documents) AS reports
FROM event_records
WHERE event_type IS NOT NULL
GROUP BY ALL
ORDER BY events DESC, country, admin1 NULLS LAST, event_type;

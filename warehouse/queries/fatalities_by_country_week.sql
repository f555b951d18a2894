-- Fatalities by country and week: one row per (country, ISO week of the event), from event_records,
-- so ten reports of one attack count once (killed_best: see event_records' reconciliation rule).
SELECT country,
       date_trunc('week', event_date) AS week,
       count(*) AS events,
       sum(killed_best) AS killed_best,
       sum(killed_low) AS killed_low,
       sum(killed_high) AS killed_high
FROM event_records
WHERE country IS NOT NULL AND event_date IS NOT NULL AND killed_best IS NOT NULL
GROUP BY ALL
ORDER BY week DESC, killed_best DESC, country;

-- Feed health: every registered feed, the failing and erroring ones first.
SELECT name, url, health, last_status, consecutive_failures, last_success_at, entries_new AS new_last_poll, total_new
FROM feed_health
ORDER BY CASE health WHEN 'failing' THEN 0 WHEN 'erroring' THEN 1 WHEN 'quiet' THEN 2 ELSE 3 END, name;

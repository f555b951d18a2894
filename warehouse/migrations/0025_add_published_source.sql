-- Where a document's publication date came from, and how precise it is (issue 13).
-- published_source: record | json-ld | meta | time | url | htmldate | htmldate-extensive | feed | dateline
-- (NULL when published_at is NULL); published_precision: day | month | year.
ALTER TABLE documents ADD COLUMN published_source VARCHAR;
ALTER TABLE documents ADD COLUMN published_precision VARCHAR;

-- The country a document's feed or record states (feeds.country, a JSONL record's `country`; ISO 3166-1
-- alpha-2, NULL when unknown): the places resolver's prior for it, kept so that re-extraction reads it too.
ALTER TABLE documents ADD COLUMN source_country VARCHAR;

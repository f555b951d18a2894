-- Issue 11: finer event places. Places gain the admin-2 district, the admin-1 unit's ISO 3166-2
-- code, the feature precision (village / town / city / district / region / country / continent)
-- and how the name was resolved (the winning score, the number of other candidates); figures
-- gain the event place's district, ISO 3166-2 code and precision. All nullable, at the end.
ALTER TABLE places ADD COLUMN admin2 VARCHAR;
ALTER TABLE places ADD COLUMN iso3166_2 VARCHAR;
ALTER TABLE places ADD COLUMN feature_precision VARCHAR;
ALTER TABLE places ADD COLUMN score DOUBLE;
ALTER TABLE places ADD COLUMN rejected INTEGER;
ALTER TABLE figures ADD COLUMN event_admin2 VARCHAR;
ALTER TABLE figures ADD COLUMN event_iso3166_2 VARCHAR;
ALTER TABLE figures ADD COLUMN event_precision VARCHAR;

CREATE OR REPLACE VIEW document_figures AS
SELECT d.doc_id, f.killed, f.injured, f.arrested, f.event_type, f.sub_event_type, f.event_date,
       f.event_place, f.event_country, f.event_admin1, f.event_lat, f.event_lon,
       d.published_at, d.title, d.url, f.extractor_version,
       f.event_admin2, f.event_iso3166_2, f.event_precision
FROM documents AS d
LEFT JOIN figures AS f USING (doc_id);

-- The main event's two sides, as ACLED codes them (issue 12): actor1 acted, actor2 was acted on (NULL when the
-- event has no second side). Types are ACLED's interaction codes as words: state_forces, rebels,
-- political_militia, identity_militia, rioters, protesters, civilians, external_forces. Names are written as
-- ACLED writes them where the text allows ("Protesters (India)", "Police Forces of Nigeria"). The surface text
-- and span (0-based, end-exclusive offsets into documents.text) say where each was read; NULL when the text
-- implies the actor without naming it (an attack with no attacker named: "Unidentified Armed Group").
ALTER TABLE figures ADD COLUMN actor1 VARCHAR;
ALTER TABLE figures ADD COLUMN actor1_type VARCHAR;
ALTER TABLE figures ADD COLUMN actor2 VARCHAR;
ALTER TABLE figures ADD COLUMN actor2_type VARCHAR;
ALTER TABLE figures ADD COLUMN actor1_text VARCHAR;
ALTER TABLE figures ADD COLUMN actor1_start INTEGER;
ALTER TABLE figures ADD COLUMN actor1_end INTEGER;
ALTER TABLE figures ADD COLUMN actor2_text VARCHAR;
ALTER TABLE figures ADD COLUMN actor2_start INTEGER;
ALTER TABLE figures ADD COLUMN actor2_end INTEGER;

CREATE OR REPLACE VIEW document_figures AS
SELECT d.doc_id, f.killed, f.injured, f.arrested, f.event_type, f.sub_event_type, f.event_date,
       f.event_place, f.event_country, f.event_admin1, f.event_lat, f.event_lon,
       d.published_at, d.title, d.url, f.extractor_version,
       f.event_admin2, f.event_iso3166_2, f.event_precision,  -- 0010
       f.actor1, f.actor1_type, f.actor2, f.actor2_type,
       f.actor1_text, f.actor1_start, f.actor1_end, f.actor2_text, f.actor2_start, f.actor2_end
FROM documents AS d
LEFT JOIN figures AS f USING (doc_id);

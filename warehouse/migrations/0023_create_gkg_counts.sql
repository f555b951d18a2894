-- One row per document that reported counts: its counts as one GDELT GKG V2.1Counts-like string, for tools
-- built on GDELT. Counts are separated by ';', fields within a count by '#', always 11 fields (empty when
-- unknown), in GDELT's order:
--   CountType#Number#ObjectType#LocationType#LocationFullName#CountryCode#ADM1#Latitude#Longitude#FeatureID#CharOffset
-- CountType: KILL, WOUND, ARREST, KIDNAP, MISSING, DISPLACED, CASUALTIES (from counts.kind);
-- Number: value_low (the conservative end of a range; vague counts such as "dozens" give their documented low);
-- ObjectType: victim_text as written, else victim_group;
-- LocationType: GDELT's 1 = country, 5 = first-level region, 4 = a city or other place (from the precision of
--   the document's event place); LocationFullName "place, admin1, country";
-- CountryCode: ISO 3166-1 alpha-2 (GDELT uses FIPS 10-4: not the same codes); ADM1: the admin1 name (GDELT
--   uses a FIPS code); FeatureID: the GeoNames id; CharOffset: the number's character offset in documents.text
--   (else the trigger's). '#' and ';' inside a value are replaced by spaces.
CREATE VIEW gkg_counts AS
WITH site AS (
    SELECT f.doc_id, f.event_place, f.event_country, f.event_admin1, f.event_lat, f.event_lon,
           min(p.geonameid) AS geonameid,
           min(CASE p.precision WHEN 'place' THEN 4 WHEN 'admin1' THEN 5 WHEN 'country' THEN 1 END) AS location_type
    FROM figures AS f
    LEFT JOIN places AS p ON p.doc_id = f.doc_id AND p.role = 'event' AND p.name = f.event_place
    GROUP BY ALL
)
SELECT c.doc_id,
       count(*) AS n_counts,
       string_agg(
           concat_ws('#',
               CASE c.kind WHEN 'killed' THEN 'KILL' WHEN 'injured' THEN 'WOUND' WHEN 'arrested' THEN 'ARREST'
                           WHEN 'kidnapped' THEN 'KIDNAP' ELSE upper(c.kind) END,
               coalesce(coalesce(c.value_low, c.value_high)::VARCHAR, ''),
               regexp_replace(coalesce(c.victim_text, c.victim_group), '[#;]', ' ', 'g'),
               coalesce(s.location_type::VARCHAR, ''),
               regexp_replace(concat_ws(', ', s.event_place, s.event_admin1, s.event_country), '[#;]', ' ', 'g'),
               coalesce(s.event_country, ''),
               regexp_replace(coalesce(s.event_admin1, ''), '[#;]', ' ', 'g'),
               coalesce(s.event_lat::VARCHAR, ''), coalesce(s.event_lon::VARCHAR, ''),
               coalesce(s.geonameid::VARCHAR, ''),
               coalesce(c.number_start, c.trigger_start)::VARCHAR),
           ';' ORDER BY c.count_index) AS v21_counts
FROM counts AS c
LEFT JOIN site AS s USING (doc_id)
GROUP BY c.doc_id;

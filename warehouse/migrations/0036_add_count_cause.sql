-- What caused a count's harm when it was not the event's own weapon ("crash", "fall", "less-lethal", "medical":
-- an injury in a shooting article where nobody was shot; tasks/core/extraction/counts/harm.py). NULL otherwise.
-- Such claims stay in `counts` for provenance and are left out of document_figures' totals.
ALTER TABLE counts ADD COLUMN cause VARCHAR;

-- A canonical URL (rel=canonical / og:url) that a page claimed but that was not taken as its identity: on another
-- registrable domain than the URL it was fetched from or stated with, or a site's home page standing for an article.
ALTER TABLE documents ADD COLUMN rejected_canonical VARCHAR;

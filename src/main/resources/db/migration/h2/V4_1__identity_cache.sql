-- H2 writes an identity column's high-water mark to disk, in a commit of its own, each time it has
-- handed out its cache of values (32 by default): with four identities per comment (comment,
-- version, audit, outbox), a burst paid about as many disk writes for them as for its own
-- commits. With 1,000 the mark is written once per 1,000 ids; ids stay in order (H2's cache is
-- one per database, not per session), a crash skips at most the rest of a cache. Not on
-- PostgreSQL, where a cache is per session and would hand ids out of order across connections.
ALTER TABLE comment ALTER COLUMN id SET CACHE 1000;
ALTER TABLE comment_version ALTER COLUMN id SET CACHE 1000;
ALTER TABLE reply ALTER COLUMN id SET CACHE 1000;
ALTER TABLE review_decision ALTER COLUMN id SET CACHE 1000;
ALTER TABLE audit ALTER COLUMN id SET CACHE 1000;
ALTER TABLE outbox ALTER COLUMN id SET CACHE 1000;

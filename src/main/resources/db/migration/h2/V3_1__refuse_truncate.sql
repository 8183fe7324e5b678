-- H2 fires no trigger on TRUNCATE, but refuses to TRUNCATE a table that a foreign key refers to.
-- This table stays empty; its foreign keys are there so that everything kept forever is such a table.
CREATE TABLE keep_forever (
    comment_id          BIGINT REFERENCES comment (id),
    comment_version_id  BIGINT REFERENCES comment_version (id),
    audit_id            BIGINT REFERENCES audit (id),
    reply_id            BIGINT REFERENCES reply (id),
    review_decision_id  BIGINT REFERENCES review_decision (id)
);

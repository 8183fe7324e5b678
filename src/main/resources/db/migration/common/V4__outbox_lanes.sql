-- Three lanes per chat. A chat's pending rows go out lane 0 first, then 1, then 2, each lane oldest
-- first: when a group's 20-a-minute budget holds cards back (a viral post), answers to what a
-- moderator just did (0) overtake cards and nudges (1), which overtake the cards of praise,
-- chatter and spam (2). Rows from before this migration are lane 1.
-- root_row: for an edit, the row that sent the message it edits; all pending rows of one message
-- share its lane and keep their order (an earlier edit is promoted when a later one goes first).
ALTER TABLE outbox ADD COLUMN lane SMALLINT DEFAULT 1 NOT NULL;
ALTER TABLE outbox ADD COLUMN root_row BIGINT;
DROP INDEX IF EXISTS outbox_pending;
CREATE INDEX outbox_pending ON outbox (status, chat_id, lane, id);
CREATE INDEX outbox_root ON outbox (root_row);

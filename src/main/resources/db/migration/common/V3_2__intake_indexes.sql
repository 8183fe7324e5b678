-- Indexes the intake needs to stay fast as the store grows (each query below ran once per
-- comment and scanned every row of its chat or of the audit trail: quadratic over a burst).
-- A customer's recent open comments in a chat (the ledger's burst detection).
CREATE INDEX comment_author ON comment (chat_id, author_id, sent_at);
-- The name a moderator was last seen with (cards, lists, nudges).
CREATE INDEX audit_actor ON audit (actor_id, action);
-- The rest of a burst, when the brand answers one of its comments.
CREATE INDEX comment_burst ON comment (burst_of);

-- Two indexes of V2 that no query needs: "outbox_pending" (status, chat_id, id) already serves
-- a chat's head and the parts of a split text. Fewer indexes, cheaper enqueues.
DROP INDEX IF EXISTS outbox_chat;
DROP INDEX IF EXISTS outbox_logical;

-- The store itself refuses DELETE on what must be kept forever.
CREATE TRIGGER comment_no_delete BEFORE DELETE ON comment FOR EACH ROW CALL 'dev.replydesk.storage.RefuseDelete';
CREATE TRIGGER comment_version_no_delete BEFORE DELETE ON comment_version FOR EACH ROW CALL 'dev.replydesk.storage.RefuseDelete';
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW CALL 'dev.replydesk.storage.RefuseDelete';
CREATE TRIGGER reply_no_delete BEFORE DELETE ON reply FOR EACH ROW CALL 'dev.replydesk.storage.RefuseDelete';
CREATE TRIGGER review_decision_no_delete BEFORE DELETE ON review_decision FOR EACH ROW CALL 'dev.replydesk.storage.RefuseDelete';

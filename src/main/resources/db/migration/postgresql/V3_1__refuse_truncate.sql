-- TRUNCATE skips row triggers: refuse it too on everything that is kept forever
-- (comment already has its trigger from V1_1).
CREATE TRIGGER comment_version_no_truncate BEFORE TRUNCATE ON comment_version EXECUTE FUNCTION replydesk_refuse_delete();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit EXECUTE FUNCTION replydesk_refuse_delete();
CREATE TRIGGER reply_no_truncate BEFORE TRUNCATE ON reply EXECUTE FUNCTION replydesk_refuse_delete();
CREATE TRIGGER review_decision_no_truncate BEFORE TRUNCATE ON review_decision EXECUTE FUNCTION replydesk_refuse_delete();

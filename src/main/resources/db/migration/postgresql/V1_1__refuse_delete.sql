-- The store itself refuses DELETE on what must be kept forever.
CREATE OR REPLACE FUNCTION replydesk_refuse_delete() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'replydesk never deletes: DELETE on % is refused', TG_TABLE_NAME
        USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER comment_no_delete BEFORE DELETE ON comment FOR EACH ROW EXECUTE FUNCTION replydesk_refuse_delete();
CREATE TRIGGER comment_version_no_delete BEFORE DELETE ON comment_version FOR EACH ROW EXECUTE FUNCTION replydesk_refuse_delete();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION replydesk_refuse_delete();
CREATE TRIGGER reply_no_delete BEFORE DELETE ON reply FOR EACH ROW EXECUTE FUNCTION replydesk_refuse_delete();
CREATE TRIGGER review_decision_no_delete BEFORE DELETE ON review_decision FOR EACH ROW EXECUTE FUNCTION replydesk_refuse_delete();
CREATE TRIGGER comment_no_truncate BEFORE TRUNCATE ON comment EXECUTE FUNCTION replydesk_refuse_delete();

-- Who polls Telegram. Of several instances on one database exactly one may call getUpdates (two
-- would make Telegram answer 409 Conflict and split the updates): it holds this lease and renews it
-- every few seconds; another instance takes it over once it has expired. Times come from the
-- instances' clocks, which must agree to well within the lease's length (NTP).
CREATE TABLE poll_lease (
    name         VARCHAR(64) PRIMARY KEY,
    holder       VARCHAR(256) NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    renewed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO poll_lease (name, holder, acquired_at, renewed_at, expires_at) VALUES ('telegram', '',
    TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00',
    TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');

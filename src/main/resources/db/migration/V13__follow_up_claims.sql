-- Exactly once across several nodes: before its SMTP conversation an email is claimed in a committed step of
-- its own (status SENDING, by whom, until when), so that another node retrying the same work sees the claim and
-- does not send it too. A claim whose time has passed (the node died mid-send) may be taken over.
-- Written for both H2 and PostgreSQL.

alter table follow_up add column claimed_by varchar(200);
alter table follow_up add column claimed_until timestamp(6) with time zone;
alter table follow_up drop constraint ck_follow_up_status;
alter table follow_up add constraint ck_follow_up_status check (status in ('PENDING', 'SENDING', 'SENT',
    'NOT_SENT_NO_SMTP', 'NOT_SENT_NO_CONSENT', 'FAILED'));

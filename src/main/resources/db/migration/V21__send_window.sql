-- Automatic emails to prospects go out only inside the send window, in the contact's time zone (an IANA id such
-- as America/New_York; null: dealflow.mail.default-zone).
alter table contact add column time_zone varchar(64);

-- The sending mailbox's limits (dealflow.mail.limits) count the emails sent (sent_at) and being sent (SENDING,
-- claim still running) within the last minute and day. A claim counts and claims under a lock on this one row,
-- so that two nodes never both take the last free slot.
create table mail_send_lock (
    id integer primary key
);
insert into mail_send_lock (id) values (1);
create index ix_follow_up_sent_at on follow_up (sent_at);
create index ix_follow_up_status on follow_up (status, claimed_until);

-- An email composed while no SMTP server was configured keeps its content, so that it can be sent as it was
-- once one is (see KeptFollowUps). Cleared when it is sent.
-- Written for both H2 and PostgreSQL.

alter table follow_up add column body_text varchar(100000);
alter table follow_up add column body_html varchar(100000);
alter table follow_up add column calendar_invite varchar(20000);
alter table follow_up add column unsubscribe_url varchar(500);

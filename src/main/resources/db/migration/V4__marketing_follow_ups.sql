-- The proposal follow-ups, owner reminders and escalations; marketing emails need consent and carry an
-- unsubscribe link with the contact's own unguessable token (created when first needed).
-- Written for both H2 and PostgreSQL.

alter table follow_up drop constraint ck_follow_up_kind;
alter table follow_up add constraint ck_follow_up_kind check (kind in ('MEETING_CONFIRMATION', 'WELCOME', 'CLOSING',
    'PROPOSAL_FOLLOW_UP', 'PROPOSAL_SECOND_FOLLOW_UP', 'PROPOSAL_OWNER_REMINDER', 'IDLE_REMINDER', 'IDLE_ESCALATION'));
alter table follow_up drop constraint ck_follow_up_status;
alter table follow_up add constraint ck_follow_up_status check (status in ('PENDING', 'SENT', 'NOT_SENT_NO_SMTP',
    'NOT_SENT_NO_CONSENT', 'FAILED'));
-- reminders of a deal of a kind since a moment: "was the owner already reminded of this stage visit?"
create index ix_follow_up_deal_kind on follow_up (deal_id, kind, created_at);

alter table contact add column unsubscribe_token varchar(64);
alter table contact add constraint uk_contact_unsubscribe_token unique (unsubscribe_token);

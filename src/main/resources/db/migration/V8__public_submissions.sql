-- The public pages (no login) never change a stored contact or company: what a known person sends through the
-- lead form is kept here, on their lead, for a person to review. And a person without marketing consent who
-- asks for it on the form gets it only by confirming a link sent to their address (double opt-in).
-- Written for both H2 and PostgreSQL.

create sequence lead_submission_seq start with 1 increment by 1;

create table lead_submission (
    id             bigint primary key,
    lead_id        bigint not null references lead (id),
    submitted_at   timestamp(6) with time zone not null,
    source         varchar(100) not null,
    email          varchar(254) not null,
    first_name     varchar(100),
    last_name      varchar(100),
    company        varchar(200),
    website        varchar(253),
    job_title      varchar(150),
    phone          varchar(50),
    consent_asked  boolean not null
);
create index ix_lead_submission_lead on lead_submission (lead_id, submitted_at);

create sequence consent_confirmation_seq start with 1 increment by 1;

create table consent_confirmation (
    id            bigint primary key,
    contact_id    bigint not null references contact (id),
    token         varchar(64) not null,
    consent_text  varchar(1000) not null,
    requested_at  timestamp(6) with time zone not null,
    confirmed_at  timestamp(6) with time zone,
    constraint uk_consent_confirmation_token unique (token)
);
create index ix_consent_confirmation_contact on consent_confirmation (contact_id, requested_at);

alter table follow_up drop constraint ck_follow_up_kind;
alter table follow_up add constraint ck_follow_up_kind check (kind in ('MEETING_CONFIRMATION', 'WELCOME', 'CLOSING',
    'PROPOSAL_FOLLOW_UP', 'PROPOSAL_SECOND_FOLLOW_UP', 'PROPOSAL_OWNER_REMINDER', 'IDLE_REMINDER', 'IDLE_ESCALATION',
    'NURTURE_FIRST', 'NURTURE_SECOND', 'NURTURE_THIRD', 'MISSED_HAND_OFF', 'CONSENT_CONFIRMATION'));

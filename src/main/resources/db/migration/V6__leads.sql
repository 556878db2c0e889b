-- Marketing's half: leads (one per contact), their qualification answers and outcome, and every hand-off
-- of a sales-qualified lead to sales with what sales did with it.
-- Written for both H2 and PostgreSQL.

create sequence lead_seq start with 1 increment by 1;
create sequence hand_off_seq start with 1 increment by 1;

create table lead (
    id                   bigint primary key,
    contact_id           bigint not null references contact (id),
    company_id           bigint references company (id),
    status               varchar(20) not null,
    outcome              varchar(3),
    segment              varchar(30),
    budget               boolean,
    authority            boolean,
    need                 boolean,
    timeline             varchar(10),
    employees            integer,
    source               varchar(100),
    submissions          integer not null default 1,
    process_instance_id  varchar(64),
    created_at           timestamp(6) with time zone not null,
    updated_at           timestamp(6) with time zone not null,
    version              bigint not null default 0,
    -- one lead per person: a second submission is a new engagement of the same lead
    constraint uk_lead_contact unique (contact_id),
    constraint ck_lead_status check (status in ('NEW', 'NURTURING', 'WITH_SALES', 'CONVERTED', 'UNSUBSCRIBED'))
);

create table hand_off (
    id               bigint primary key,
    lead_id          bigint not null references lead (id),
    handed_over_at   timestamp(6) with time zone not null,
    decision         varchar(10),
    decided_at       timestamp(6) with time zone,
    decided_by       varchar(64),
    reject_reason    varchar(30),
    reject_note      varchar(1000),
    deal_id          bigint references deal (id),
    constraint ck_hand_off_decision check (decision in ('ACCEPTED', 'REJECTED'))
);
create index ix_hand_off_week on hand_off (handed_over_at);
create index ix_hand_off_lead on hand_off (lead_id);

-- nurture emails belong to a lead, not to a deal
alter table follow_up alter column deal_id drop not null;
alter table follow_up add column lead_id bigint references lead (id);
create index ix_follow_up_lead on follow_up (lead_id, created_at);
alter table follow_up drop constraint ck_follow_up_kind;
alter table follow_up add constraint ck_follow_up_kind check (kind in ('MEETING_CONFIRMATION', 'WELCOME', 'CLOSING',
    'PROPOSAL_FOLLOW_UP', 'PROPOSAL_SECOND_FOLLOW_UP', 'PROPOSAL_OWNER_REMINDER', 'IDLE_REMINDER', 'IDLE_ESCALATION',
    'NURTURE_FIRST', 'NURTURE_SECOND', 'NURTURE_THIRD', 'MISSED_HAND_OFF'));

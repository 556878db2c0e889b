-- Our own records. The engine's ACT_* tables are created by Camunda itself.
-- Written for both H2 and PostgreSQL.

create sequence company_seq start with 1 increment by 1;
create sequence contact_seq start with 1 increment by 1;
create sequence deal_seq start with 1 increment by 1;
create sequence deal_contact_seq start with 1 increment by 1;
create sequence stage_visit_seq start with 1 increment by 1;

create table company (
    id          bigint primary key,
    name        varchar(200) not null,
    domain      varchar(253),
    created_at  timestamp(6) with time zone not null,
    constraint uk_company_domain unique (domain)
);

create table contact (
    id                  bigint primary key,
    email               varchar(254) not null,
    first_name          varchar(100),
    last_name           varchar(100),
    phone               varchar(50),
    job_title           varchar(150),
    company_id          bigint references company (id),
    marketing_consent   boolean not null default false,
    consent_at          timestamp(6) with time zone,
    consent_source      varchar(100),
    consent_text        varchar(1000),
    created_at          timestamp(6) with time zone not null,
    updated_at          timestamp(6) with time zone not null,
    -- emails are stored trimmed and lower-cased, so this is a case-insensitive uniqueness
    constraint uk_contact_email unique (email)
);
create index ix_contact_company on contact (company_id);

create table deal (
    id                      bigint primary key,
    title                   varchar(200) not null,
    company_id              bigint not null references company (id),
    owner                   varchar(64) not null,
    amount                  numeric(15, 2) not null,
    currency                varchar(3) not null,
    stage_key               varchar(255),
    stage_name              varchar(255),
    stage_entered_at        timestamp(6) with time zone,
    status                  varchar(10) not null,
    lost_reason             varchar(40),
    lost_note               varchar(2000),
    process_instance_id     varchar(64),
    meeting_at              timestamp(6) with time zone,
    expected_decision_on    date,
    opened_at               timestamp(6) with time zone not null,
    closed_at               timestamp(6) with time zone,
    version                 bigint not null default 0,
    constraint ck_deal_status check (status in ('OPEN', 'WON', 'LOST'))
);
create index ix_deal_status_stage on deal (status, stage_key, currency);
create index ix_deal_owner on deal (owner, status);
create index ix_deal_process_instance on deal (process_instance_id);

create table deal_contact (
    id          bigint primary key,
    deal_id     bigint not null references deal (id),
    contact_id  bigint not null references contact (id),
    role        varchar(20) not null,
    constraint uk_deal_contact unique (deal_id, contact_id)
);
create index ix_deal_contact_contact on deal_contact (contact_id);

-- one row per visit of a deal to a stage (a stage is a user task of the sales process)
create table stage_visit (
    id          bigint primary key,
    deal_id     bigint not null references deal (id),
    stage_key   varchar(255) not null,
    stage_name  varchar(255) not null,
    task_id     varchar(64) not null,
    entered_at  timestamp(6) with time zone not null,
    left_at     timestamp(6) with time zone,
    moved_by    varchar(64),
    outcome     varchar(20),
    constraint uk_stage_visit_task unique (task_id)
);
create index ix_stage_visit_deal on stage_visit (deal_id, entered_at);
create index ix_stage_visit_stage on stage_visit (stage_key, entered_at, left_at);

-- Every follow-up email the process composes, whether or not it could be sent.
-- The idempotency key names one email (deal, kind, recipient contact and what it is about); its unique
-- constraint is what makes a retried or repeated job send a follow-up at most once.
-- Written for both H2 and PostgreSQL.

create sequence follow_up_seq start with 1 increment by 1;

create table follow_up (
    id               bigint primary key,
    deal_id          bigint not null references deal (id),
    contact_id       bigint references contact (id),
    kind             varchar(30) not null,
    recipient        varchar(254) not null,
    subject          varchar(300) not null,
    status           varchar(20) not null,
    idempotency_key  varchar(200) not null,
    created_at       timestamp(6) with time zone not null,
    sent_at          timestamp(6) with time zone,
    error            varchar(2000),
    attempts         integer not null default 0,
    constraint uk_follow_up_key unique (idempotency_key),
    constraint ck_follow_up_kind check (kind in ('MEETING_CONFIRMATION', 'WELCOME', 'CLOSING')),
    constraint ck_follow_up_status check (status in ('PENDING', 'SENT', 'NOT_SENT_NO_SMTP', 'FAILED'))
);
create index ix_follow_up_deal on follow_up (deal_id, created_at);

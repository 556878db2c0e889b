-- Who may do what (see the README): a deal with no owner belongs to the sales team, and every use of a
-- person's data under GDPR (export, erasure) is recorded.
-- Written for both H2 and PostgreSQL.

-- a team deal: its stage waits for any rep of group sales to take it
alter table deal alter column owner drop not null;

create sequence audit_event_seq start with 1 increment by 1;

-- who did what to whose data, and when; never the personal data itself
create table audit_event (
    id            bigint primary key,
    at            timestamp(6) with time zone not null,
    actor         varchar(64) not null,
    action        varchar(20) not null,
    subject_type  varchar(20) not null,
    subject_id    bigint not null
);
create index ix_audit_event_at on audit_event (at);

-- One row per contact erased under GDPR (right to erasure): who did it, when, and how much was changed.
-- It holds no personal data: the contact row it points to is anonymized in the same transaction.
-- Written for both H2 and PostgreSQL.

create sequence erasure_seq start with 1 increment by 1;

create table erasure (
    id                  bigint primary key,
    contact_id          bigint not null references contact (id),
    erased_by           varchar(64) not null,
    erased_at           timestamp(6) with time zone not null,
    follow_ups          integer not null,
    deal_links          integer not null,
    engine_variables    integer not null,
    historic_variables  integer not null,
    historic_details    integer not null,
    -- a person is erased once; a second request answers this row
    constraint uk_erasure_contact unique (contact_id)
);

-- POST /api/deals and POST /api/leads with an Idempotency-Key header: the first answer, kept with the work it
-- answers (same transaction), so a client retrying after a lost answer gets it again instead of a second deal.
-- Written for both H2 and PostgreSQL.

create table idempotent_request (
    requested_by   varchar(64) not null,
    request_key    varchar(255) not null,
    request        varchar(300) not null,
    -- a hash of the request body: the same key with another body is an error, not a replay
    body_hash      varchar(64) not null,
    status         integer not null,
    location       varchar(500),
    answer         text,
    created_at     timestamp(6) with time zone not null,
    constraint pk_idempotent_request primary key (requested_by, request_key)
);

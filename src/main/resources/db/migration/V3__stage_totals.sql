-- Running totals of the open deals per stage, currency and owner, kept by the application in the same
-- transaction as every change of a deal's stage, value, owner or status (see StageTotals). The pipeline
-- reads these few rows instead of summing every open deal.
-- Written for both H2 and PostgreSQL.

create table stage_total (
    stage_key        varchar(255) not null,
    currency         varchar(3) not null,
    owner            varchar(64) not null,
    stage_name       varchar(255) not null,
    deals            bigint not null,
    total            numeric(19, 2) not null,
    -- the sum of the deals' stage entry times in epoch seconds: with deals, the average time in stage
    entered_seconds  bigint not null,
    constraint pk_stage_total primary key (stage_key, currency, owner)
);

insert into stage_total (stage_key, currency, owner, stage_name, deals, total, entered_seconds)
select stage_key, currency, owner, max(stage_name), count(*), sum(amount),
       sum(cast(floor(extract(epoch from stage_entered_at)) as bigint))
from deal
where status = 'OPEN' and stage_key is not null
group by stage_key, currency, owner;

-- Idle deals are counted on a range of this index (a stage's deals that entered it before its idle limit),
-- which touches only the idle ones; it also serves the list of a stage's deals.
drop index ix_deal_status_stage;
create index ix_deal_open_stage on deal (status, currency, stage_key, stage_entered_at, owner);

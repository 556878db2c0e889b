-- A deal's monthly value may be unknown (null amount, currency still set): a deal opened without one, e.g. from a
-- lead before the meeting. The pipeline counts such deals but sums only the known values, so the running totals
-- keep how many of a row's deals have no value.
-- Written for both H2 and PostgreSQL.

alter table deal alter column amount drop not null;

alter table stage_total add column unvalued bigint default 0 not null;

-- Deals opened from a lead were given 0.00 for "not known yet"; those still at 0.00 become unknown.
update deal set amount = null
where amount = 0 and id in (select h.deal_id from hand_off h where h.deal_id is not null);

update stage_total set unvalued = (
    select count(*) from deal d
    where d.status = 'OPEN' and d.stage_key = stage_total.stage_key and d.currency = stage_total.currency
      and coalesce(d.owner, '') = stage_total.owner and d.amount is null);

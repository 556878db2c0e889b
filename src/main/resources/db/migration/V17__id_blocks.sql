-- Ids in blocks of 50 (Hibernate's pooled optimizer, allocationSize = 50 on the entities): opening a deal took a
-- round trip to the database for each new company, contact, deal contact, stage visit and follow-up id. With
-- blocks, a node asks the sequence once per 50 rows. The value a node draws is the top of its block (it uses the
-- 49 below it too), so the blocks of several nodes never overlap.
-- deal_seq stays at 1: a deal's id is its reference ("D-00042"), which people read out; it stays dense.
alter sequence company_seq increment by 50;
alter sequence contact_seq increment by 50;
alter sequence deal_contact_seq increment by 50;
alter sequence stage_visit_seq increment by 50;
alter sequence follow_up_seq increment by 50;
-- One value drawn here: after the change H2 answers the old next value once more (PostgreSQL already the next plus
-- 50), and a block topped by it would reach down into ids already given. From the second value on, both answer at
-- least 50 above every id given so far.
select nextval('company_seq');
select nextval('contact_seq');
select nextval('deal_contact_seq');
select nextval('stage_visit_seq');
select nextval('follow_up_seq');

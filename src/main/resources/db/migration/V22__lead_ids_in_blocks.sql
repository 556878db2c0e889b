-- Lead and hand-off ids in blocks of 50 too (as V17 did for companies and contacts): a lead import asked the
-- sequence once per row for the lead's id. Neither id is read out by people (a deal's reference is).
-- The value drawn after the change is skipped for the reason written in V17.
alter sequence lead_seq increment by 50;
alter sequence hand_off_seq increment by 50;
select nextval('lead_seq');
select nextval('hand_off_seq');

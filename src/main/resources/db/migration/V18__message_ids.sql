-- The Message-ID each email goes out with, recorded on its row before it is sent: a reply's In-Reply-To or
-- References names it, so the inbox finds the deal or lead it answers.
alter table follow_up add column message_id varchar(250);
create unique index uk_follow_up_message_id on follow_up (message_id);

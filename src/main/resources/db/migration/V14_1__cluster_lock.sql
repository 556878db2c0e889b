-- Named locks the nodes of one installation take in turn (cluster/ClusterLock): a node holds one by keeping its row
-- locked (select ... for update) in an open transaction; the row of 'startup' serializes the work each node does
-- as it starts (groups, rights, filters, demo data, the first administrator).
create table cluster_lock (
    name varchar(64) not null primary key
);
insert into cluster_lock (name) values ('startup');

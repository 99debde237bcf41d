create table if not exists orders (id bigint primary key, name varchar(40));
insert into orders values (7, 'seven') on conflict do nothing;

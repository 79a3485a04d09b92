-- A milestone can be moved or renamed; a change made from a stale page is refused (optimistic concurrency).
alter table milestones add column version bigint not null default 1;

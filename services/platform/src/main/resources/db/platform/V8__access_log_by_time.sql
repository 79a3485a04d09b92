-- The access-log page lists a municipality's entries newest first, filtered by person, day or action: by time, not
-- only by case.
create index access_log_time on access_log (tenant, occurred_at desc);
create index access_log_actor on access_log (tenant, actor, occurred_at desc);

-- One access-log row per request, naming every case it showed (issue 18). A reviewer's work list logged 200 rows a
-- call, a case list 50, and each row cost ~33 µs of PostgreSQL, most of it the B-tree by case taking a random leaf
-- page: at 300 requests/s that was 10,000 rows/s and the largest single cost of the whole stack. A row with the
-- cases in an array and a GIN index on them took 6.8× less (docs/benchmarks.md, API 2026-12-07).
--
-- A row names one case (case_id: single reads and changes, every row before this migration) or several (case_ids:
-- the cases of one page, or up to 1,000 of an import). The digest the seals hash is unchanged for the first kind,
-- so V7 and V10 seals still verify; for the second it holds the case ids, in order, joined by the record separator.
alter table access_log alter column case_id drop not null;
alter table access_log add column case_ids text[];
alter table access_log add constraint access_log_case_or_cases check ((case_id is null) <> (case_ids is null));
grant insert (case_ids) on access_log to "${appRole}";

create index access_log_cases on access_log using gin (case_ids);
drop index access_log_case;
create index access_log_case on access_log (tenant, case_id, occurred_at) where case_id is not null;

create or replace function access_log_row_digest(a access_log) returns bytea language sql immutable as $fn$
    select sha256(convert_to(concat_ws(chr(31), a.id::text, a.tenant,
        ((extract(epoch from a.occurred_at) * 1000000)::bigint)::text, a.actor, a.actor_roles,
        coalesce(a.case_id, array_to_string(a.case_ids, chr(30))), a.action, a.purpose), 'UTF8'))
$fn$;

-- One row per case read, whichever kind of row recorded it: for tests and ad-hoc questions. The application's own
-- queries filter access_log directly, so that a case is found through the indexes.
create view access_log_entries with (security_invoker = true) as
select a.id, a.tenant, a.occurred_at, a.actor, a.actor_roles, c.case_id, a.action, a.purpose
from access_log a
cross join lateral unnest(coalesce(a.case_ids, array[a.case_id])) with ordinality as c(case_id, n);
revoke insert, update, delete, truncate on access_log_entries from "${appRole}";

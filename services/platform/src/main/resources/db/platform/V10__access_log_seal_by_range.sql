-- Seals without rewriting the log (issue 18). V7 marked every sealed row with its seal's number: an UPDATE of each
-- access-log row (a second row version and five index entries), which at 100 requests/s cost PostgreSQL more time
-- than the requests that wrote the rows. A seal made from now on covers a range of ids instead: the municipality's
-- rows with an id after the previous seal's range and up to its own `range_end`.
--
-- A range may only be sealed once no row can still appear in it: a transaction that took an id and has not committed
-- yet would otherwise land inside a sealed range later and break the chain. So every row takes its transaction id
-- before its row id (access_log_next_id), and the sealer works in two steps. It reads the id sequence and then takes
-- a snapshot: every transaction holding an id up to what it read had its transaction id before that snapshot's
-- xmax. At a later round, once the oldest running transaction is younger than that xmax, the range is final and is
-- sealed. Seals lag the writes by two rounds, or by the longest transaction (an import) that was open.
--
-- Seals made before this migration keep their rows marked (seal_seq); the first range of each municipality starts
-- at id 0 and takes only unmarked rows, so its rows written but not yet sealed are sealed the new way.

create function access_log_next_id() returns bigint language plpgsql volatile as $fn$
begin
    perform pg_current_xact_id(); -- the transaction id first (see above), then the row id
    return nextval('access_log_id_seq');
end
$fn$;

alter table access_log alter column id drop identity;
create sequence access_log_id_seq owned by access_log.id;
select setval('access_log_id_seq', coalesce((select max(id) from access_log), 0) + 1, false);
alter table access_log alter column id set default access_log_next_id();
grant usage on sequence access_log_id_seq to "${appRole}";

alter table access_log_seals add column range_end bigint;

-- The rows of range seals (all rows from now on) by municipality and id; the V7 index by seal number only for the
-- marked rows, which no longer grow.
drop index access_log_sealed;
create index access_log_sealed on access_log (tenant, seal_seq) where seal_seq is not null;

-- The sealer's progress: every id up to sealed_to is sealed (or was never written), and the range up to pending_to
-- is final once no transaction older than pending_xid runs. One row.
create table access_log_seal_state (
    only_row    boolean primary key default true check (only_row),
    sealed_to   bigint  not null,
    pending_to  bigint,
    pending_xid xid8
);
insert into access_log_seal_state (sealed_to)
select coalesce((select min(id) - 1 from access_log where seal_seq is null), (select max(id) from access_log), 0);
revoke all on access_log_seal_state from "${appRole}";

create or replace function seal_access_log() returns integer language plpgsql security definer set search_path = public as $fn$
declare
    st access_log_seal_state;
    sealed integer := 0;
    seq_last bigint;
    seq_called boolean;
begin
    -- One sealer at a time (each replica runs one); the others skip the round.
    select * into st from access_log_seal_state for update skip locked;
    if not found then
        return 0;
    end if;
    if st.pending_to is not null and pg_snapshot_xmin(pg_current_snapshot()) >= st.pending_xid then
        with tenants as (
            select distinct a.tenant from access_log a where a.id > st.sealed_to and a.id <= st.pending_to
        ), heads as (
            select t.tenant, coalesce(s.seq, 0) as seq, coalesce(s.hash, ''::bytea) as hash,
                   coalesce((select max(r.range_end) from access_log_seals r where r.tenant = t.tenant), 0) as range_from
            from tenants t
            left join lateral (select x.seq, x.hash from access_log_seals x where x.tenant = t.tenant
                               order by x.seq desc limit 1) s on true
        ), made as (
            insert into access_log_seals (tenant, seq, row_count, first_id, last_id, range_end, hash)
            select h.tenant, h.seq + 1, count(*), min(a.id), max(a.id), st.pending_to,
                   sha256(h.hash || string_agg(access_log_row_digest(a), ''::bytea order by a.id))
            from heads h
            join access_log a on a.tenant = h.tenant and a.seal_seq is null and a.id > h.range_from
                             and a.id <= st.pending_to
            group by h.tenant, h.seq, h.hash
            returning row_count
        )
        select coalesce(sum(row_count), 0) into sealed from made;
        st.sealed_to := st.pending_to;
        st.pending_to := null;
    end if;
    if st.pending_to is null then
        select last_value, is_called into seq_last, seq_called from access_log_id_seq;
        -- A new statement, so a snapshot taken after the sequence was read (this function is volatile).
        update access_log_seal_state
        set sealed_to = st.sealed_to,
            pending_to = case when seq_called then seq_last else seq_last - 1 end,
            pending_xid = pg_snapshot_xmax(pg_current_snapshot());
    end if;
    return sealed;
end
$fn$;

create or replace function verify_access_log(p_tenant text)
    returns table (seals bigint, rows_checked bigint, broken_seq bigint, broken_first_id bigint, broken_last_id bigint,
                   unsealed bigint)
    language plpgsql security definer set search_path = public as $fn$
declare
    s record;
    prev bytea := ''::bytea;
    range_from bigint := 0;
    expected bytea;
    n integer;
begin
    seals := 0;
    rows_checked := 0;
    for s in select * from access_log_seals where tenant = p_tenant order by seq loop
        if s.range_end is null then -- a V7 seal: the rows marked with its number
            select sha256(prev || coalesce(string_agg(access_log_row_digest(a), ''::bytea order by a.id), ''::bytea)),
                   count(*)
              into expected, n
            from access_log a where a.tenant = p_tenant and a.seal_seq = s.seq;
        else -- the unmarked rows of its id range
            select sha256(prev || coalesce(string_agg(access_log_row_digest(a), ''::bytea order by a.id), ''::bytea)),
                   count(*)
              into expected, n
            from access_log a
            where a.tenant = p_tenant and a.seal_seq is null and a.id > range_from and a.id <= s.range_end;
        end if;
        if s.seq <> seals + 1 or expected <> s.hash or n <> s.row_count or s.range_end <= range_from then
            broken_seq := s.seq;
            broken_first_id := s.first_id;
            broken_last_id := s.last_id;
            exit;
        end if;
        range_from := coalesce(s.range_end, range_from);
        seals := seals + 1;
        rows_checked := rows_checked + n;
        prev := s.hash;
    end loop;
    -- Rows marked with a number that is no V7 seal of this municipality were slipped in: breaks too.
    if broken_seq is null then
        select min(a.seal_seq), min(a.id), max(a.id) into broken_seq, broken_first_id, broken_last_id
        from access_log a
        where a.tenant = p_tenant and a.seal_seq is not null
          and not exists (select 1 from access_log_seals x
                          where x.tenant = p_tenant and x.seq = a.seal_seq and x.range_end is null);
    end if;
    select count(*) into unsealed from access_log a where a.tenant = p_tenant and a.seal_seq is null and a.id > range_from;
    return next;
end
$fn$;

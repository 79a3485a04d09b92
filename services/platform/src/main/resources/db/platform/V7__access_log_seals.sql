-- Tamper evidence for the access log (docs/security.md, "Audit"). Rows are sealed in batches shortly after they are
-- written: a seal is the SHA-256 of the previous seal's hash and the digests of its rows, so a changed, removed or
-- slipped-in row, or a removed seal, breaks the chain from there on. Sealing is a separate step (not a trigger): a
-- trigger would serialise every reading request of a municipality on one lock until its commit.
alter table access_log add column seal_seq bigint;
create index access_log_unsealed on access_log (tenant, id) where seal_seq is null;
create index access_log_sealed on access_log (tenant, seal_seq);

create table access_log_seals (
    tenant    text        not null,
    seq       bigint      not null,
    row_count integer     not null,
    first_id  bigint      not null,
    last_id   bigint      not null,
    hash      bytea       not null,
    sealed_at timestamptz not null default now(),
    primary key (tenant, seq)
);
select enable_tenant_isolation('access_log_seals');

-- The application role writes log rows (not their seal) and reads both; only the owner's functions below seal.
revoke insert, update, delete, truncate on access_log_seals from "${appRole}";
revoke insert on access_log from "${appRole}";
grant insert (tenant, occurred_at, actor, actor_roles, case_id, action, purpose) on access_log to "${appRole}";

-- The sealing and checking functions run as the owner, across municipalities.
do $$
begin
    execute format('create policy sealer on access_log to %I using (true) with check (true)', current_user);
    execute format('create policy sealer on access_log_seals to %I using (true) with check (true)', current_user);
end
$$;

create function access_log_row_digest(a access_log) returns bytea language sql immutable as $fn$
    select sha256(convert_to(concat_ws(chr(31), a.id::text, a.tenant,
        ((extract(epoch from a.occurred_at) * 1000000)::bigint)::text, a.actor, a.actor_roles, a.case_id, a.action,
        a.purpose), 'UTF8'))
$fn$;

-- Seals what has been written since the last seal, per municipality, at most 20,000 rows per seal; returns rows sealed.
create function seal_access_log() returns integer language plpgsql security definer set search_path = public as $fn$
declare
    t text;
    prev bytea;
    next_seq bigint;
    sealed integer := 0;
    c integer;
begin
    for t in select distinct tenant from access_log where seal_seq is null loop
        perform pg_advisory_xact_lock(hashtext('access_log_seal:' || t));
        select s.hash, s.seq into prev, next_seq from access_log_seals s where s.tenant = t order by s.seq desc limit 1;
        next_seq := coalesce(next_seq, 0) + 1;
        update access_log a set seal_seq = next_seq
        where a.id in (select u.id from access_log u where u.tenant = t and u.seal_seq is null order by u.id limit 20000);
        get diagnostics c = row_count;
        if c > 0 then
            insert into access_log_seals (tenant, seq, row_count, first_id, last_id, hash)
            select t, next_seq, count(*), min(a.id), max(a.id),
                   sha256(coalesce(prev, ''::bytea) || string_agg(access_log_row_digest(a), ''::bytea order by a.id))
            from access_log a where a.tenant = t and a.seal_seq = next_seq;
            sealed := sealed + c;
        end if;
    end loop;
    return sealed;
end
$fn$;

-- Recomputes a municipality's chain: the first seal that does not match (null if none), and what was checked.
create function verify_access_log(p_tenant text)
    returns table (seals bigint, rows_checked bigint, broken_seq bigint, broken_first_id bigint, broken_last_id bigint,
                   unsealed bigint)
    language plpgsql security definer set search_path = public as $fn$
declare
    s record;
    prev bytea := ''::bytea;
    expected bytea;
    n integer;
begin
    seals := 0;
    rows_checked := 0;
    for s in select * from access_log_seals where tenant = p_tenant order by seq loop
        select sha256(prev || coalesce(string_agg(access_log_row_digest(a), ''::bytea order by a.id), ''::bytea)), count(*)
          into expected, n
        from access_log a where a.tenant = p_tenant and a.seal_seq = s.seq;
        if s.seq <> seals + 1 or expected <> s.hash or n <> s.row_count then
            broken_seq := s.seq;
            broken_first_id := s.first_id;
            broken_last_id := s.last_id;
            exit;
        end if;
        seals := seals + 1;
        rows_checked := rows_checked + n;
        prev := s.hash;
    end loop;
    -- Rows marked with a seal that does not exist (slipped in after the last seal) are breaks too.
    if broken_seq is null then
        select min(a.seal_seq), min(a.id), max(a.id) into broken_seq, broken_first_id, broken_last_id
        from access_log a where a.tenant = p_tenant and a.seal_seq > seals;
    end if;
    select count(*) into unsealed from access_log a where a.tenant = p_tenant and a.seal_seq is null;
    return next;
end
$fn$;
revoke execute on function seal_access_log() from public;
revoke execute on function verify_access_log(text) from public;
grant execute on function seal_access_log() to "${appRole}";
grant execute on function verify_access_log(text) to "${appRole}";

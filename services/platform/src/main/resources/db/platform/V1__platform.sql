-- Platform tables present in every service's database. Runs as the owner role; ${appRole} is the
-- role the service connects as at run time.

-- Tables the owner creates from now on are usable by the application role (grants, not ownership).
alter default privileges in schema public grant select, insert, update, delete on tables to "${appRole}";
alter default privileges in schema public grant usage, select on sequences to "${appRole}";
grant usage on schema public to "${appRole}";

-- One way to make a table tenant-scoped: forced row-level security comparing the row's tenant with the
-- transaction's app.tenant (set by TenantTx). With no tenant set, current_setting(..., true) is null or
-- empty and no row matches. Services call it in their migrations: select enable_tenant_isolation('t');
create function enable_tenant_isolation(tbl regclass) returns void language plpgsql as $fn$
begin
    execute format('alter table %s enable row level security', tbl);
    execute format('alter table %s force row level security', tbl);
    execute format('create policy tenant_isolation on %s using (tenant = current_setting(''app.tenant'', true)) '
                   'with check (tenant = current_setting(''app.tenant'', true))', tbl);
end
$fn$;
revoke execute on function enable_tenant_isolation(regclass) from public;

-- Transactional outbox: written in the business transaction, published by the relay.
-- Not tenant-scoped by RLS: the relay publishes every tenant's events. Rows are envelopes, never read by pages.
create table outbox (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    tenant       text        not null,
    event_type   text        not null,
    envelope     bytea       not null,
    traceparent  text        not null,
    created_at   timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts     int         not null default 0,
    last_error   text,
    sent_at      timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;
create index outbox_sent_at on outbox (sent_at) where sent_at is not null;

-- Inbox: one row per (consumer, event) handled; inserted in the handler's own transaction.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    tenant       text        not null,
    event_type   text        not null,
    handled_at   timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- Access log: every read and change of case data. Append-only for the application role.
create table access_log (
    id           bigint generated always as identity primary key,
    tenant       text        not null,
    occurred_at  timestamptz not null default now(),
    actor        text        not null,
    actor_roles  text        not null,
    case_id      text        not null,
    action       text        not null,
    purpose      text        not null
);
create index access_log_case on access_log (tenant, case_id, occurred_at);
revoke update, delete, truncate on access_log from "${appRole}";
select enable_tenant_isolation('access_log');

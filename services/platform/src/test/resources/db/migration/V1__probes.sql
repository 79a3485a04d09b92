-- Test-only tables for the platform's own tests.
create table probe (
    id     bigint generated always as identity primary key,
    tenant text not null,
    name   text not null
);
select enable_tenant_isolation('probe');

create table probe_received (
    event_id    uuid primary key,
    tenant      text not null,
    probe_id    text not null,
    received_at timestamptz not null default now()
);
select enable_tenant_isolation('probe_received');

-- A versioned resource for the optimistic-concurrency tests.
alter table probe add column version bigint not null default 0;

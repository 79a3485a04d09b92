-- What the benchmark's consumer writes per event: a tenant-scoped row, like a real read model.
create table bench_received (
    event_id    uuid primary key,
    tenant      text not null,
    sequence    bigint not null,
    received_at timestamptz not null default now()
);
select enable_tenant_isolation('bench_received');

-- Every event notifications has received and turned into a message (rules and channels come later).
create table received_events (
    event_id     uuid        primary key,
    tenant       text        not null,
    event_type   text        not null,
    aggregate_id text        not null,
    summary      text        not null,
    occurred_at  timestamptz not null,
    recorded_at  timestamptz not null default now()
);
select enable_tenant_isolation('received_events');

-- The fault suite's ground truth. The producer writes a row per event in the transaction that appends it to the
-- outbox; a consumer writes a row per application, with no unique key, so an event applied twice shows as two rows.
create table produced (
    event_id uuid   primary key,
    tenant   text   not null,
    sequence bigint not null
);
select enable_tenant_isolation('produced');

create table applied (
    event_id   uuid        not null,
    tenant     text        not null,
    sequence   bigint      not null,
    applied_at timestamptz not null default now()
);
select enable_tenant_isolation('applied');

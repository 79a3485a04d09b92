-- Assessment's events, kept as they arrived (the payload bytes), so reporting's read models of assessments can be
-- built and rebuilt from them (docs/architecture.md: reporting retains the events it builds from).
create table retained_events (
    event_id      uuid        primary key,
    tenant        text        not null,
    event_type    text        not null,
    aggregate_id  text        not null,
    occurred_at   timestamptz not null,
    payload       bytea       not null
);
select enable_tenant_isolation('retained_events');
create index retained_events_type on retained_events (tenant, event_type, occurred_at);

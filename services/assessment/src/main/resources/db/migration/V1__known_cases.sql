-- Assessment's own copy of the cases it may assess, from case-intake's events (no call across databases).
create table known_cases (
    case_id       uuid        primary key,
    tenant        text        not null,
    alias         text        not null,
    case_type     text        not null,
    registered_at timestamptz not null
);
select enable_tenant_isolation('known_cases');

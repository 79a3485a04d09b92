-- A case, known only by a pseudonymous alias ("Sag 17"). No CPR number, no name, ever.
create table cases (
    id         uuid        primary key,
    tenant     text        not null,
    alias_no   int         not null,
    case_type  text        not null,
    created_at timestamptz not null default now(),
    version    bigint      not null default 0,
    unique (tenant, alias_no)
);
select enable_tenant_isolation('cases');

-- Per-tenant counter behind the aliases: numbers are never reused.
create table alias_counter (
    tenant text primary key,
    n      int  not null
);
select enable_tenant_isolation('alias_counter');

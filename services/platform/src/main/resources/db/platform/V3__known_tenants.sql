-- The tenants a service has data for, so its background jobs know whom to visit (RLS hides rows until a tenant
-- is bound). Not tenant-scoped: it holds only kommunekoder.
create table known_tenants (
    tenant     text        primary key,
    first_seen timestamptz not null default now()
);

-- The assessment instruments the tenant can use, from assessment's InstrumentPublished events (offered when a
-- review's instrument is chosen; no call across services).
create table instruments (
    instrument_id  text primary key,
    tenant         text not null,
    name           text not null,
    version        int  not null
);
select enable_tenant_isolation('instruments');

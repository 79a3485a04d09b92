-- Read model: registered cases per tenant and case type, built only from CaseRegistered events.
create table case_counts (
    tenant    text   not null,
    case_type text   not null,
    cases     bigint not null,
    primary key (tenant, case_type)
);
select enable_tenant_isolation('case_counts');

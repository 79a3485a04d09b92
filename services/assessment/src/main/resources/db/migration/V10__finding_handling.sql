-- What the municipality did about a finding (above all an urgent concern): seen ("acknowledged") and dealt with
-- ("handled"), each with who, when and a note. Rows are only added: the finding page shows the whole trail.
create table finding_handling (
    id          uuid        primary key,
    tenant      text        not null,
    finding_id  uuid        not null references findings (id) on delete cascade,
    action      text        not null check (action in ('acknowledged', 'handled')),
    note        text        not null,
    actor       text        not null,
    actor_name  text        not null,
    at          timestamptz not null default now()
);
create index finding_handling_finding on finding_handling (finding_id);
select enable_tenant_isolation('finding_handling');

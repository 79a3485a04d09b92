-- Assessment instruments: versioned templates. A family (e.g. the Halsnæs parameters) has numbered versions; a
-- published version is immutable (enforced below, not only in the code), and assessments keep the version they
-- were made with. The three shipped defaults are seeded into each tenant on first use, under fixed ids.
create table instruments (
    id           uuid        primary key,
    tenant       text        not null,
    family       uuid        not null,
    version      int         not null,
    name         text        not null,
    description  text        not null default '',
    status       text        not null check (status in ('draft', 'published')),
    -- {"sections": [{"title": ..., "questions": [{"id", "text", "help", "type", "required", "scale"}]}]}
    definition   jsonb       not null,
    based_on     uuid        references instruments (id),
    shipped      boolean     not null default false,
    lock_version bigint      not null default 0,
    created_at   timestamptz not null default now(),
    created_by   text        not null,
    published_at timestamptz,
    unique (family, version)
);
select enable_tenant_isolation('instruments');

create function instruments_published_immutable() returns trigger language plpgsql as $fn$
begin
    if old.status = 'published' then
        raise exception 'instrument % version % is published and cannot change', old.name, old.version
            using errcode = 'check_violation';
    end if;
    return new;
end
$fn$;
create trigger instruments_published_immutable before update or delete on instruments
    for each row execute function instruments_published_immutable();

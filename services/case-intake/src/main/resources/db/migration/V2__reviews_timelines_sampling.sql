-- Reviews, case attributes and timelines, the measure catalogue, sampling and imports.

-- The municipality's own case number is stored only encrypted (AES-GCM with the tenant's key of version
-- case_no_key) plus a keyed hash (HMAC-SHA256 with the tenant's look-up key) for finding and de-duplicating.
alter table cases
    add column case_no_enc   bytea,
    add column case_no_hash  bytea,
    add column case_no_key   int,
    add column birth_year    int,
    add column age_band      text,
    add column team          text,
    add column caseworker    text,
    add column open          boolean     not null default true,
    -- Digest of the import rows that last set this case: re-importing the same rows changes nothing.
    add column import_digest text,
    add column updated_at    timestamptz not null default now();
create unique index cases_case_no_hash on cases (tenant, case_no_hash);

-- The tenant's catalogue of measures (tilbudsvifte).
create table measures (
    id                        uuid   primary key,
    tenant                    text   not null,
    name                      text   not null,
    target_group              text   not null default '',
    legal_basis_barnets_lov   text   not null default '',
    legal_basis_serviceloven  text   not null default '',
    price_per_year_kr         bigint not null default 0,
    version                   bigint not null default 0,
    unique (tenant, name)
);
select enable_tenant_isolation('measures');

create table timeline_events (
    id                        uuid        primary key,
    tenant                    text        not null,
    case_id                   uuid        not null references cases (id) on delete cascade,
    kind                      text        not null,
    occurred_on               date        not null,
    note                      text        not null default '',
    measure_id                uuid        references measures (id),
    legal_basis_barnets_lov   text        not null default '',
    legal_basis_serviceloven  text        not null default '',
    yearly_cost_kr            bigint,
    without_consent           boolean     not null default false,
    -- 'import' events are replaced when a changed import row updates the case; 'manual' ones never.
    source                    text        not null,
    created_at                timestamptz not null default now()
);
create index timeline_events_case on timeline_events (case_id, occurred_on);
select enable_tenant_isolation('timeline_events');

create table reviews (
    id               uuid        primary key,
    tenant           text        not null,
    title            text        not null,
    commission       text        not null default '',
    purpose          text        not null default '',
    focus_points     text        not null default '',
    period_from      date,
    period_to        date,
    reviewer_orgs    text[]      not null default '{}',
    instrument_id    text        not null default '',
    state            text        not null default 'planning',
    retention_until  date,
    closed_at        timestamptz,
    erased_at        timestamptz,
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    version          bigint      not null default 0
);
select enable_tenant_isolation('reviews');

create table review_people (
    id            uuid        primary key,
    tenant        text        not null,
    review_id     uuid        not null references reviews (id) on delete cascade,
    user_id       text        not null,
    name          text        not null,
    email         text        not null default '',
    role          text        not null,
    organisation  text        not null default '',
    access_from   timestamptz,
    access_to     timestamptz,
    revoked_at    timestamptz,
    unique (review_id, user_id, role)
);
select enable_tenant_isolation('review_people');

create table milestones (
    id         uuid primary key,
    tenant     text not null,
    review_id  uuid not null references reviews (id) on delete cascade,
    kind       text not null,
    title      text not null,
    due_on     date not null
);
select enable_tenant_isolation('milestones');

create table review_state_log (
    id          bigint generated always as identity primary key,
    tenant      text        not null,
    review_id   uuid        not null references reviews (id) on delete cascade,
    from_state  text        not null,
    to_state    text        not null,
    changed_at  timestamptz not null default now(),
    changed_by  text        not null
);
select enable_tenant_isolation('review_state_log');

-- The sampling protocol: who drew what, when, from which frame, with which seed.
create table samplings (
    id           uuid        primary key,
    tenant       text        not null,
    review_id    uuid        not null references reviews (id) on delete cascade,
    tier         text        not null,
    method       text        not null,
    seed         bigint      not null,
    frame        jsonb       not null,
    frame_size   int         not null,
    strata       jsonb       not null,
    exclusions   jsonb       not null,
    sample_size  int         not null,
    result       jsonb       not null,
    drawn_by     text        not null,
    drawn_at     timestamptz not null default now()
);
select enable_tenant_isolation('samplings');

create table review_cases (
    tenant         text        not null,
    review_id      uuid        not null references reviews (id) on delete cascade,
    case_id        uuid        not null references cases (id) on delete cascade,
    selection      text        not null,
    sampling_id    uuid        references samplings (id),
    screening      boolean     not null default true,
    deep_review    boolean     not null default false,
    second_review  boolean     not null default false,
    forklaede      text        not null default '',
    selected_at    timestamptz not null default now(),
    selected_by    text        not null,
    version        bigint      not null default 0,
    primary key (review_id, case_id)
);
create index review_cases_case on review_cases (case_id);
select enable_tenant_isolation('review_cases');

create table import_jobs (
    id              uuid        primary key,
    tenant          text        not null,
    file_name       text        not null,
    file_bytes      bigint      not null,
    all_or_nothing  boolean     not null,
    status          text        not null,
    phase           text        not null default '',
    percent         int         not null default 0,
    bytes_read      bigint      not null default 0,
    rows_read       int         not null default 0,
    cases_created   int         not null default 0,
    cases_updated   int         not null default 0,
    cases_unchanged int         not null default 0,
    rows_rejected   int         not null default 0,
    error_count     int         not null default 0,
    -- The first errors (line, field, message); error_count has them all.
    errors          jsonb       not null default '[]',
    started_by      text        not null,
    started_at      timestamptz not null default now(),
    heartbeat_at    timestamptz not null default now(),
    finished_at     timestamptz
);
select enable_tenant_isolation('import_jobs');

-- Caseworkers appear only as pseudonyms ("Rådgiver 7"): the keyed hash of the name from the case system maps to
-- a number per tenant; the name itself is never stored.
create table pseudonyms (
    tenant     text  not null,
    kind       text  not null,
    name_hash  bytea not null,
    no         int   not null,
    primary key (tenant, kind, name_hash),
    unique (tenant, kind, no)
);
select enable_tenant_isolation('pseudonyms');

-- The case's timeline as of its newest CaseUpdated (a JSON array of events), screened against the legal rules.
alter table known_cases add column timeline jsonb not null default '[]'::jsonb;

-- One row per case and legal rule: the result and the dates it rests on (Danish lines, one per occurrence).
-- recheck_on: the day a pending deadline passes and the result must be computed again.
create table screening_results (
    tenant        text        not null,
    case_id       uuid        not null references known_cases (case_id) on delete cascade,
    rule          text        not null,
    result        text        not null check (result in ('met', 'not_met', 'not_applicable', 'unknown')),
    evidence      text[]      not null,
    recheck_on    date,
    case_version  bigint      not null,
    changed_at    timestamptz not null default now(),
    primary key (case_id, rule)
);
select enable_tenant_isolation('screening_results');
create index screening_results_rule on screening_results (tenant, rule, result);
create index screening_results_recheck on screening_results (recheck_on) where recheck_on is not null;

-- Reviews whose screening summary must be computed again (their cases or selection changed); drained by a job.
create table screening_dirty_reviews (
    tenant     text not null,
    review_id  uuid primary key
);
select enable_tenant_isolation('screening_dirty_reviews');

-- The last summary published per review, so an unchanged summary is not published again.
create table review_screening_summaries (
    tenant       text        not null,
    review_id    uuid        primary key,
    summary      text        not null,
    computed_at  timestamptz not null
);
select enable_tenant_isolation('review_screening_summaries');

-- The kommunekoder seen, so background jobs know which tenants to visit (row-level security hides every row
-- until a tenant is set). Holds nothing else.
create table seen_tenants (
    tenant text primary key
);

-- Assessment's copy of each review's setup, from case-intake's review events (newest version wins).
create table reviews (
    review_id      uuid        primary key,
    tenant         text        not null,
    title          text        not null,
    state          text        not null,
    instrument_id  text        not null,
    version        bigint      not null
);
select enable_tenant_isolation('reviews');

create table review_people (
    tenant        text        not null,
    review_id     uuid        not null references reviews (review_id) on delete cascade,
    user_id       text        not null,
    name          text        not null,
    role          text        not null,
    access_from   timestamptz,
    access_to     timestamptz,
    revoked       boolean     not null,
    primary key (review_id, user_id, role)
);
select enable_tenant_isolation('review_people');

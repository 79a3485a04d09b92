-- The events reporting builds from are kept with the review they concern (when they name one), so a review's
-- case-level events can be erased with it.
alter table retained_events add column review_id text not null default '';
create index retained_events_review on retained_events (review_id) where review_id <> '';

-- What reports need of a review besides its title: its instrument and its budget early-warning date.
alter table reviews add column instrument_id text not null default '';
alter table reviews add column budget_warning_on date;

-- Instruments as published, with their questions and answer labels (InstrumentPublished).
create table instruments (
    instrument_id uuid   primary key,
    tenant        text   not null,
    name          text   not null,
    version       int    not null,
    questions     jsonb  not null
);
select enable_tenant_isolation('instruments');

-- The cases of each review's selection (CaseSelectedForReview; newest version wins).
create table review_cases (
    tenant        text    not null,
    review_id     uuid    not null,
    case_id       uuid    not null,
    alias         text    not null,
    case_type     text    not null,
    deep_review   boolean not null,
    second_review boolean not null,
    version       bigint  not null,
    primary key (review_id, case_id)
);
select enable_tenant_isolation('review_cases');

-- Each submitted assessment (AssessmentSubmitted): round 1 and the blind round 2.
create table case_assessments (
    tenant         text        not null,
    review_id      uuid        not null,
    case_id        uuid        not null,
    round          int         not null,
    alias          text        not null,
    reviewer       text        not null,
    instrument_id  uuid        not null,
    answers        jsonb       not null,
    yearly_cost_kr bigint      not null,
    submitted_at   timestamptz not null,
    primary key (review_id, case_id, round)
);
select enable_tenant_isolation('case_assessments');

-- Moderated answers (AssessmentModerated) override round 1's; validation (AssessmentValidated) fixes the final ones.
create table case_moderations (
    tenant      text not null,
    review_id   uuid not null,
    case_id     uuid not null,
    question_id text not null,
    answer      text not null,
    primary key (review_id, case_id, question_id)
);
select enable_tenant_isolation('case_moderations');

create table case_validations (
    tenant        text        not null,
    review_id     uuid        not null,
    case_id       uuid        not null,
    verdict       text        not null,
    final_answers jsonb       not null,
    validated_at  timestamptz not null,
    primary key (review_id, case_id)
);
select enable_tenant_isolation('case_validations');

create table case_findings (
    finding_id         uuid    primary key,
    tenant             text    not null,
    review_id          uuid    not null,
    case_id            uuid    not null,
    alias              text    not null,
    category           text    not null,
    severity           text    not null,
    urgent             boolean not null,
    budget_relevant    boolean not null,
    expected_yearly_kr bigint  not null
);
create index case_findings_review on case_findings (review_id);
select enable_tenant_isolation('case_findings');

-- Each case's legal screening (ScreeningResultChanged; the newest case version wins).
create table case_screenings (
    case_id      uuid   primary key,
    tenant       text   not null,
    alias        text   not null,
    case_version bigint not null,
    results      jsonb  not null
);
select enable_tenant_isolation('case_screenings');

-- Each review's screening summary (ReviewScreeningSummaryChanged; the newest computed_at wins).
create table review_screenings (
    review_id   uuid        primary key,
    tenant      text        not null,
    cases       int         not null,
    rules       jsonb       not null,
    computed_at timestamptz not null
);
select enable_tenant_isolation('review_screenings');

-- The tenant's cases for its key figures (CaseUpdated; newest version wins): type, caseworker pseudonym, open, and
-- the yearly cost of the measures running.
create table tenant_cases (
    case_id        uuid    primary key,
    tenant         text    not null,
    case_type      text    not null,
    caseworker     text    not null,
    open           boolean not null,
    yearly_cost_kr bigint  not null,
    version        bigint  not null
);
select enable_tenant_isolation('tenant_cases');

-- Screening compliance over time: per rule and month, the cases met and judged, as first screened that month.
create table compliance_months (
    tenant   text not null,
    month    date not null,
    rule     text not null,
    case_id  uuid not null,
    met      boolean not null,
    primary key (tenant, month, rule, case_id)
);
select enable_tenant_isolation('compliance_months');

-- Benchmark across municipalities: a tenant that opts in publishes its aggregates here. Not tenant-scoped on purpose:
-- the benchmark is the one view across tenants, and this table holds only aggregates (no case, no alias), shown only
-- through the suppression rules (at least 5 municipalities and 5 cases behind a figure).
create table benchmark_opt_in (
    tenant     text        primary key,
    opted_in   boolean     not null,
    changed_at timestamptz not null default now(),
    changed_by text        not null
);
select enable_tenant_isolation('benchmark_opt_in');

create table benchmark_figures (
    tenant  text             not null,
    metric  text             not null,
    value   double precision not null,
    cases   int              not null,
    primary key (tenant, metric)
);

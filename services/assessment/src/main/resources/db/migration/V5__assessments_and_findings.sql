-- One reviewer's assessment of one case in a review: round 1, or round 2 (the blind second review). Answers are
-- question id -> answer text; the instrument version is fixed when assigned.
create table assignments (
    id             uuid        primary key,
    tenant         text        not null,
    review_id      uuid        not null,
    case_id        uuid        not null,
    alias          text        not null,
    reviewer       text        not null,
    reviewer_name  text        not null,
    round          int         not null check (round in (1, 2)),
    instrument_id  uuid        not null references instruments (id),
    status         text        not null check (status in ('assigned', 'draft', 'submitted')),
    answers        jsonb       not null default '{}'::jsonb,
    lock_version   bigint      not null default 0,
    assigned_by    text        not null,
    assigned_at    timestamptz not null default now(),
    saved_at       timestamptz,
    submitted_at   timestamptz,
    unique (review_id, case_id, round)
);
select enable_tenant_isolation('assignments');
create index assignments_reviewer on assignments (tenant, reviewer);

-- Every change to an assessment (who, when, what): answers as they were after the change.
create table assessment_history (
    id             bigserial   primary key,
    tenant         text        not null,
    assignment_id  uuid        not null references assignments (id) on delete cascade,
    actor          text        not null,
    action         text        not null,
    answers        jsonb       not null,
    occurred_at    timestamptz not null default now()
);
select enable_tenant_isolation('assessment_history');

create table findings (
    id                  uuid        primary key,
    tenant              text        not null,
    assignment_id       uuid        not null references assignments (id) on delete cascade,
    review_id           uuid        not null,
    case_id             uuid        not null,
    category            text        not null,
    severity            text        not null check (severity in ('info', 'minor', 'major', 'critical')),
    text                text        not null,
    urgent              boolean     not null,
    budget_relevant     boolean     not null,
    expected_yearly_kr  bigint,
    created_by          text        not null,
    created_at          timestamptz not null default now()
);
select enable_tenant_isolation('findings');

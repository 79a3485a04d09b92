-- Recommendations' copy of each review's title, state and people (from case-intake's review events; newest wins).
create table reviews (
    review_id uuid   primary key,
    tenant    text   not null,
    title     text   not null,
    state     text   not null,
    version   bigint not null
);
select enable_tenant_isolation('reviews');

create table review_people (
    tenant    text        not null,
    review_id uuid        not null references reviews (review_id) on delete cascade,
    user_id   text        not null,
    name      text        not null,
    role      text        not null,
    access_to timestamptz,
    revoked   boolean     not null,
    primary key (review_id, user_id, role)
);
select enable_tenant_isolation('review_people');

-- The findings recommendations can rest on (from assessment's FindingRecorded; the text stays in assessment).
create table findings (
    finding_id  uuid    primary key,
    tenant      text    not null,
    review_id   uuid    not null,
    case_id     uuid    not null,
    alias       text    not null,
    category    text    not null,
    severity    text    not null,
    urgent      boolean not null,
    budget_relevant boolean not null,
    expected_yearly_kr bigint not null
);
create index findings_review on findings (review_id);
select enable_tenant_isolation('findings');

create table recommendations (
    id         uuid        primary key,
    tenant     text        not null,
    review_id  uuid        not null,
    code       text        not null,
    title      text        not null,
    body       text        not null,
    theme      text        not null,
    created_by text        not null,
    created_at timestamptz not null default now(),
    version    bigint      not null default 1,
    unique (review_id, code)
);
select enable_tenant_isolation('recommendations');

-- What a recommendation rests on: findings and cases of its review, by id and alias.
create table recommendation_evidence (
    tenant            text not null,
    recommendation_id uuid not null references recommendations (id) on delete cascade,
    finding_id        uuid,
    case_id           uuid,
    alias             text not null,
    label             text not null
);
create index recommendation_evidence_rec on recommendation_evidence (recommendation_id);
select enable_tenant_isolation('recommendation_evidence');

-- Every decision, kept: the newest is the standing one; a reopened recommendation is decided again.
create table decisions (
    id                uuid        primary key,
    tenant            text        not null,
    recommendation_id uuid        not null references recommendations (id) on delete cascade,
    decision          text        not null check (decision in ('accepted', 'rejected', 'deferred', 'reopened')),
    reason            text        not null,
    meeting_date      date,
    decided_by        text        not null,
    decided_at        timestamptz not null default now()
);
create index decisions_rec on decisions (recommendation_id, decided_at);
select enable_tenant_isolation('decisions');

-- Hearing rounds (høring): a draft to named people until a date; each published version is kept.
create table hearings (
    id          uuid        primary key,
    tenant      text        not null,
    review_id   uuid        not null,
    title       text        not null,
    state       text        not null check (state in ('open', 'closed')),
    closes_on   date        not null,
    version     int         not null default 1,
    created_by  text        not null,
    opened_at   timestamptz not null default now(),
    lock        bigint      not null default 1
);
select enable_tenant_isolation('hearings');

create table hearing_versions (
    tenant        text        not null,
    hearing_id    uuid        not null references hearings (id) on delete cascade,
    version       int         not null,
    body          text        not null,
    recommendation_ids uuid[] not null,
    change_note   text        not null,
    published_by  text        not null,
    published_at  timestamptz not null default now(),
    primary key (hearing_id, version)
);
select enable_tenant_isolation('hearing_versions');

create table hearing_respondents (
    tenant     text not null,
    hearing_id uuid not null references hearings (id) on delete cascade,
    user_id    text not null,
    name       text not null,
    primary key (hearing_id, user_id)
);
select enable_tenant_isolation('hearing_respondents');

create table hearing_comments (
    id                uuid        primary key,
    tenant            text        not null,
    hearing_id        uuid        not null references hearings (id) on delete cascade,
    version           int         not null,
    respondent        text        not null,
    recommendation_id uuid,
    body              text        not null,
    submitted_at      timestamptz not null default now(),
    handling          text        not null default 'pending'
                      check (handling in ('pending', 'accepted', 'partly', 'not_accepted', 'noted')),
    handling_note     text        not null default '',
    handled_by        text
);
create index hearing_comments_hearing on hearing_comments (hearing_id);
select enable_tenant_isolation('hearing_comments');

-- Focus areas (indsatsområder) with their priority (an ordered list) and time horizon.
create table focus_areas (
    id          uuid   primary key,
    tenant      text   not null,
    review_id   uuid   not null,
    title       text   not null,
    description text   not null,
    priority    int    not null,
    horizon     text   not null check (horizon in ('short', 'long')),
    version     bigint not null default 1
);
create index focus_areas_review on focus_areas (review_id, priority);
select enable_tenant_isolation('focus_areas');

create table focus_area_recommendations (
    tenant            text not null,
    focus_area_id     uuid not null references focus_areas (id) on delete cascade,
    recommendation_id uuid not null references recommendations (id) on delete cascade,
    primary key (focus_area_id, recommendation_id)
);
select enable_tenant_isolation('focus_area_recommendations');

-- Actions: an owner, dates, a status and a measurable indicator (no action starts without one).
create table actions (
    id              uuid        primary key,
    tenant          text        not null,
    review_id       uuid        not null,
    focus_area_id   uuid        not null references focus_areas (id) on delete cascade,
    title           text        not null,
    owner           text        not null,
    owner_name      text        not null,
    start_date      date,
    due_date        date        not null,
    status          text        not null check (status in ('not_started', 'in_progress', 'done', 'blocked', 'dropped')),
    status_reason   text        not null default '',
    indicator       text        not null default '',
    unit            text        not null default '',
    baseline        numeric,
    target          numeric,
    meeting_id      uuid,
    due_soon_sent_for date,
    overdue_sent_for  date,
    created_at      timestamptz not null default now(),
    version         bigint      not null default 1
);
create index actions_review on actions (review_id);
create index actions_open_due on actions (due_date) where status not in ('done', 'dropped');
select enable_tenant_isolation('actions');

create table action_notes (
    id         uuid        primary key,
    tenant     text        not null,
    action_id  uuid        not null references actions (id) on delete cascade,
    body       text        not null,
    written_by text        not null,
    written_at timestamptz not null default now()
);
create index action_notes_action on action_notes (action_id, written_at);
select enable_tenant_isolation('action_notes');

create table indicator_values (
    id          uuid        primary key,
    tenant      text        not null,
    action_id   uuid        not null references actions (id) on delete cascade,
    value       numeric     not null,
    measured_on date        not null,
    recorded_by text        not null,
    recorded_at timestamptz not null default now()
);
create index indicator_values_action on indicator_values (action_id, measured_on);
select enable_tenant_isolation('indicator_values');

-- Follow-up meetings (Task Force, steering group, project group, workshop) and the dates the direktion or a
-- committee is informed; scheduled ahead on a cadence or one by one.
create table meetings (
    id            uuid        primary key,
    tenant        text        not null,
    review_id     uuid        not null,
    kind          text        not null,
    title         text        not null,
    date          date        not null,
    cancelled     boolean     not null default false,
    sequence      int         not null default 0,
    agenda_days_before int    not null default 5,
    agenda_sent_for date,
    minutes       text        not null default '',
    minutes_approved_at timestamptz,
    minutes_approved_by text,
    agenda        text,
    version       bigint      not null default 1
);
create index meetings_review on meetings (review_id, date);
select enable_tenant_isolation('meetings');

create table meeting_decisions (
    id                uuid        primary key,
    tenant            text        not null,
    meeting_id        uuid        not null references meetings (id) on delete cascade,
    recommendation_id uuid,
    body              text        not null,
    recorded_by       text        not null,
    recorded_at       timestamptz not null default now()
);
select enable_tenant_isolation('meeting_decisions');

-- Project economics: budgeted and actual hours and cost per activity; savings targets per year and what each
-- focus area is expected to contribute.
create table activities (
    id           uuid    primary key,
    tenant       text    not null,
    review_id    uuid    not null,
    name         text    not null,
    budget_hours numeric not null default 0,
    budget_kr    bigint  not null default 0,
    actual_hours numeric not null default 0,
    actual_kr    bigint  not null default 0,
    version      bigint  not null default 1
);
select enable_tenant_isolation('activities');

create table savings_targets (
    tenant    text   not null,
    review_id uuid   not null,
    year      int    not null,
    target_kr bigint not null,
    primary key (review_id, year)
);
select enable_tenant_isolation('savings_targets');

create table focus_area_savings (
    tenant        text   not null,
    focus_area_id uuid   not null references focus_areas (id) on delete cascade,
    year          int    not null,
    expected_kr   bigint not null,
    primary key (focus_area_id, year)
);
select enable_tenant_isolation('focus_area_savings');

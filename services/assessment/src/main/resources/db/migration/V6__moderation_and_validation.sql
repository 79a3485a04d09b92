-- A moderator's final answer where the first and second review disagree, with the reason.
create table moderations (
    tenant        text        not null,
    review_id     uuid        not null,
    case_id       uuid        not null,
    question_id   text        not null,
    answer        text        not null,
    reason        text        not null,
    moderator     text        not null,
    moderated_at  timestamptz not null default now(),
    primary key (review_id, case_id, question_id)
);
select enable_tenant_isolation('moderations');

-- The municipality's validation of each case's final assessment; the newest row per case counts, older ones are the
-- history.
create table validations (
    id            bigserial   primary key,
    tenant        text        not null,
    review_id     uuid        not null,
    case_id       uuid        not null,
    verdict       text        not null check (verdict in ('agree', 'disagree')),
    comment       text        not null,
    validator     text        not null,
    validated_at  timestamptz not null default now()
);
select enable_tenant_isolation('validations');
create index validations_case on validations (review_id, case_id, id);

-- A review whose assessments are all validated: from then on nothing in it changes.
create table review_locks (
    tenant     text        not null,
    review_id  uuid        primary key,
    locked_at  timestamptz not null default now()
);
select enable_tenant_isolation('review_locks');

-- History rows may now describe a moderation or validation of the case (on its first-round assignment).
alter table assessment_history add column detail text not null default '';

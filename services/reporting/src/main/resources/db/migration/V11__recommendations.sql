-- Reporting's copy of each review's recommendations (RecommendationIssued, newest version wins) and the steering
-- group's latest decision (RecommendationDecided), and the findings each rests on: the per-case overview shows which
-- recommendation rests on a case's findings and what was decided.
create table recommendation_copies (
    id          uuid        primary key,
    tenant      text        not null,
    review_id   uuid        not null,
    code        text        not null,
    title       text        not null,
    version     bigint      not null,
    decision    text,
    decided_at  timestamptz
);
create index recommendation_copies_review on recommendation_copies (review_id);
select enable_tenant_isolation('recommendation_copies');

-- Finding ids are case-level: erased with the review's case data.
create table recommendation_findings (
    id                uuid primary key,
    tenant            text not null,
    recommendation_id uuid not null references recommendation_copies (id) on delete cascade,
    finding_id        uuid not null,
    unique (recommendation_id, finding_id)
);
create index recommendation_findings_finding on recommendation_findings (finding_id);
select enable_tenant_isolation('recommendation_findings');

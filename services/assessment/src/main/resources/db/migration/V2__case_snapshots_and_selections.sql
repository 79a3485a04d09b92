-- The newest CaseUpdated version applied to a known case (-1: only CaseRegistered seen), so an older event that
-- arrives late never overwrites a newer one.
alter table known_cases add column version bigint not null default -1;

-- The cases selected for each review, with their tiers and forklæde, from CaseSelectedForReview.
create table review_selections (
    tenant         text    not null,
    review_id      uuid    not null,
    case_id        uuid    not null,
    alias          text    not null,
    selection      text    not null,
    screening      boolean not null,
    deep_review    boolean not null,
    second_review  boolean not null,
    forklaede      text    not null,
    version        bigint  not null,
    primary key (review_id, case_id)
);
select enable_tenant_isolation('review_selections');

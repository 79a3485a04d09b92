-- Cases whose second review is blind (SecondReviewAssigned) until both rounds are in (SecondReviewCompleted): their
-- reviewers see none of the case's findings here, whatever other roles they hold. Completed never goes back to false,
-- so a completion that arrives before the assignment still wins.
create table blind_cases (
    tenant     text    not null,
    review_id  uuid    not null,
    case_id    uuid    not null,
    reviewers  text[]  not null,
    completed  boolean not null,
    primary key (review_id, case_id)
);
select enable_tenant_isolation('blind_cases');

-- Cases whose second review is blind (SecondReviewAssigned) until both rounds are in (SecondReviewCompleted): their
-- reviewers see none of the case's assessment content here, whatever other roles they hold. A completion that
-- arrives before the assignment still wins: completed never goes back to false.
create table blind_cases (
    tenant     text    not null,
    review_id  uuid    not null,
    case_id    uuid    not null,
    reviewers  text[]  not null,
    completed  boolean not null,
    primary key (review_id, case_id)
);
select enable_tenant_isolation('blind_cases');

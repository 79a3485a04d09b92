-- An index led by tenant lets the planner answer the row-level-security filter with it and AND it to the primary
-- key lookup, reading every index entry of the tenant for each case (found by the screening benchmark: per-case
-- cost grew with the tenant's size). Filter indexes therefore do not lead with tenant.
drop index screening_results_rule;
create index screening_results_rule on screening_results (rule, result);

-- "Which reviews is this case in?" on every screening change.
create index review_selections_case on review_selections (case_id);

-- A review's recommendations a page at a time in code order (A2 before A10), their count, and the last code (issue
-- 18). Without this each was a scan of every municipality's recommendations, filtered by the row-level security
-- policy row by row, and a sort: at 1,300 recommendations a review the list page took 0.9 ms of PostgreSQL, the most
-- of any statement of the service. The tenant leads, as the policy's condition, so the index serves it too.
create index recommendations_code_order on recommendations (tenant, review_id, length(code), code);

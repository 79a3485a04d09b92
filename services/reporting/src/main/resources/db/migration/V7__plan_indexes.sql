-- The plan progress report reads a review's focus areas and each area's actions.
create index plan_focus_areas_review on plan_focus_areas (review_id);
create index plan_actions_focus_area on plan_actions (focus_area_id);

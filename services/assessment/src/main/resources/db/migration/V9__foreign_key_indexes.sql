-- Lookups by assignment (a case's findings and history) and the cascade from a deleted assignment used to scan.
create index findings_assignment on findings (assignment_id);
create index assessment_history_assignment on assessment_history (assignment_id);

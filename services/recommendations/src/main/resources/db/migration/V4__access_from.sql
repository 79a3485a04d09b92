-- An external person's access starts at access_from (case-intake's window has two ends; only the end was copied).
alter table review_people add column access_from timestamptz;

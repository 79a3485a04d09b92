-- The finding's text (FindingRecorded), for the early warning of the staff who work with the cases.
alter table case_findings add column text text not null default '';

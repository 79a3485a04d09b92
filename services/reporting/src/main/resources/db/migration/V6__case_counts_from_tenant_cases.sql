-- Case counts are now read from tenant_cases (kept from CaseUpdated, which also announces a new case since the
-- CaseRegistered event was removed), so the separate counter table goes.
drop table case_counts;

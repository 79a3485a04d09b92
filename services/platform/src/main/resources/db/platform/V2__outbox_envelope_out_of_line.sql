-- Keep the envelope out of line, so marking a row sent rewrites a small tuple, not the whole event.
-- (Applies to rows written from now on.)
alter table outbox alter column envelope set storage external;
alter table outbox set (toast_tuple_target = 128);

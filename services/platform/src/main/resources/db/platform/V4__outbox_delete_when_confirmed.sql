-- The relay deletes a row as soon as the broker has confirmed it (it used to mark it sent and prune it an hour
-- later). The table then holds only unsent events: the partial indexes go, and so does the out-of-line envelope,
-- which only kept the "mark sent" update small. Per event that saves an updated tuple, three index entries and
-- the TOAST rows.
delete from outbox where sent_at is not null;
drop index outbox_unsent;
drop index outbox_sent_at;
alter table outbox drop column sent_at;
alter table outbox alter column envelope set storage extended;
alter table outbox reset (toast_tuple_target);

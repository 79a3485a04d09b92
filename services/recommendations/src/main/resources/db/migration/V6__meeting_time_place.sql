-- A meeting's time (local time in Denmark) and place, and the decision a minutes line records on a recommendation.
alter table meetings add column start_time time, add column end_time time, add column location text not null default '';
alter table meeting_decisions add column decision text check (decision in ('accepted', 'rejected', 'deferred'));

-- The time of day of a timeline event, where the case system has it: the 24-hour assessment of an underretning
-- cannot be judged from dates alone when the assessment is the next day.
alter table timeline_events add column occurred_time time;

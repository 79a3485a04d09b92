-- The plan board, meeting minutes and review pages look rows up by these keys; without an index each was a scan.
create index actions_focus_area on actions (focus_area_id);
create index meeting_decisions_meeting on meeting_decisions (meeting_id);
create index hearings_review on hearings (review_id);
create index activities_review on activities (review_id);

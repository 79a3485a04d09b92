-- An action's latest measurement and escalation in their own table, keyed by the action alone, so an
-- IndicatorRecorded or ActionOverdue that arrives before its ActionAssigned is kept (it used to update no row).
create table plan_action_progress (
    action_id    uuid    primary key,
    tenant       text    not null,
    latest_value double precision,
    latest_on    date,
    escalated    boolean not null default false
);
select enable_tenant_isolation('plan_action_progress');

insert into plan_action_progress (action_id, tenant, latest_value, latest_on, escalated)
select action_id, tenant, latest_value, latest_on, escalated from plan_actions
where latest_on is not null or escalated;

alter table plan_actions drop column latest_value, drop column latest_on, drop column escalated;

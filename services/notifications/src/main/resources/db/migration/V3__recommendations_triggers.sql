-- Which shipped rules a tenant has been given, per trigger: triggers shipped later are seeded then, and a rule the
-- administrator deleted is not given back.
create table shipped_rules_seeded (
    tenant  text not null,
    trigger text not null,
    primary key (tenant, trigger)
);
select enable_tenant_isolation('shipped_rules_seeded');
-- Tenants seeded before had every trigger shipped until now (whether or not they deleted a rule since).
insert into shipped_rules_seeded (tenant, trigger)
    select s.tenant, t.trigger from tenant_settings s cross join (values ('UrgentConcernRaised'), ('AssessmentAssigned'),
        ('SecondReviewCompleted'), ('ReviewAssessmentsValidated'), ('ReviewStateChanged'), ('reminder.meeting'),
        ('reminder.validation_due'), ('reminder.budget_warning'), ('reminder.report_deadline'), ('reminder.other'),
        ('overdue.validation_due'), ('overdue.report_deadline'), ('invitation.meeting')) as t(trigger)
    where s.rules_seeded;
alter table tenant_settings drop column rules_seeded;

-- The people a deadline concerns besides the review's roles (a hearing's respondents who have not answered yet).
alter table deadlines add column people text[] not null default '{}';

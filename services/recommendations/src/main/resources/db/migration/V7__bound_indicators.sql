-- The screening of all the tenant's cases after each case-system import (assessment's TenantScreeningMeasured), per
-- legal rule: where an indicator bound to a rule takes its next value from.
create table tenant_screening (
    id          uuid        primary key,
    tenant      text        not null,
    import_id   uuid        not null,
    rule        text        not null,
    title       text        not null,
    met         int         not null,
    not_met     int         not null,
    measured_at timestamptz not null,
    unique (import_id, rule)
);
create index tenant_screening_rule on tenant_screening (rule, measured_at);
select enable_tenant_isolation('tenant_screening');

-- Each review's screening of its own sample (ReviewScreeningSummaryChanged; the newest wins): a bound indicator's
-- baseline.
create table review_screening (
    id          uuid        primary key,
    tenant      text        not null,
    review_id   uuid        not null,
    rule        text        not null,
    title       text        not null,
    met         int         not null,
    not_met     int         not null,
    computed_at timestamptz not null,
    unique (review_id, rule)
);
select enable_tenant_isolation('review_screening');

-- An action's indicator bound to a rule is measured at every import; its automatic values name the import.
alter table actions add column measure_rule text;
alter table indicator_values add column import_id uuid, add constraint indicator_values_import unique (action_id, import_id);

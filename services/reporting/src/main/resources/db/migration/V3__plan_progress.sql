-- Reporting's copy of each review's title and state (from case-intake's review events; newest wins).
create table reviews (
    review_id uuid   primary key,
    tenant    text   not null,
    title     text   not null,
    state     text   not null,
    version   bigint not null
);
select enable_tenant_isolation('reviews');

-- Read model of action-plan progress, from recommendations' events.
create table plan_focus_areas (
    focus_area_id uuid primary key,
    tenant        text not null,
    review_id     uuid not null,
    title         text not null,
    priority      int  not null,
    horizon       text not null
);
select enable_tenant_isolation('plan_focus_areas');

create table plan_actions (
    action_id     uuid    primary key,
    tenant        text    not null,
    review_id     uuid    not null,
    focus_area_id uuid    not null,
    title         text    not null,
    owner         text    not null,
    due_date      date    not null,
    status        text    not null,
    indicator     text    not null,
    baseline      double precision,
    target        double precision,
    latest_value  double precision,
    latest_on     date,
    escalated     boolean not null default false,
    version       bigint  not null
);
create index plan_actions_review on plan_actions (review_id);
select enable_tenant_isolation('plan_actions');

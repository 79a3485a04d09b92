-- Who changed what, when: one row per changed field of an object staff edit after creating it (a recommendation, a
-- focus area, an action, a milestone, ...), as its form shows it (platform History).
create table changes (
    id          uuid        primary key,
    tenant      text        not null,
    object_id   uuid        not null,
    field       text        not null,
    old_value   text        not null,
    new_value   text        not null,
    changed_by  text        not null,
    changed_at  timestamptz not null
);
create index changes_object on changes (object_id, changed_at);
select enable_tenant_isolation('changes');

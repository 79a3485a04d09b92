-- The walking skeleton's journal of received events gives way to real messages.
drop table received_events;

-- Notifications' copy of each review's title, state and people (from case-intake's review events; newest wins).
create table reviews (
    review_id uuid        primary key,
    tenant    text        not null,
    title     text        not null,
    state     text        not null,
    version   bigint      not null
);
select enable_tenant_isolation('reviews');

create table review_people (
    tenant    text        not null,
    review_id uuid        not null references reviews (review_id) on delete cascade,
    user_id   text        not null,
    name      text        not null,
    email     text        not null,
    role      text        not null,
    access_to timestamptz,
    revoked   boolean     not null,
    primary key (review_id, user_id, role)
);
select enable_tenant_isolation('review_people');

-- Dates something is due by (a review's milestones; later actions and hearings). Reminders go N working days
-- before; an escalation once when it has passed and is still open.
create table deadlines (
    id         text        primary key,
    tenant     text        not null,
    review_id  uuid,
    kind       text        not null,
    title      text        not null,
    due_date   date        not null,
    closed_at  timestamptz
);
create index deadlines_open on deadlines (due_date) where closed_at is null;
select enable_tenant_isolation('deadlines');

-- Per tenant: whether the shipped rules were seeded, and the extra non-working days it keeps.
create table tenant_settings (
    tenant             text    primary key,
    grundlovsdag_off   boolean not null default false,
    christmas_eve_off  boolean not null default false,
    new_years_eve_off  boolean not null default false,
    rules_seeded       boolean not null default false,
    version            bigint  not null default 1
);
select enable_tenant_isolation('tenant_settings');

-- What is sent to whom: a trigger (an event type, a deadline reminder, an overdue escalation, a meeting
-- invitation) to people by their role in the review, on a channel.
create table rules (
    id          uuid        primary key,
    tenant      text        not null,
    trigger     text        not null,
    recipients  text[]      not null,
    channel     text        not null check (channel in ('email', 'inbox', 'both')),
    urgent      boolean     not null default false,
    offset_days int,
    enabled     boolean     not null default true,
    version     bigint      not null default 1
);
create index rules_trigger on rules (trigger);
select enable_tenant_isolation('rules');

-- A tenant's own wording of a trigger's message (the shipped text is in the code).
create table templates (
    tenant     text        not null,
    trigger    text        not null,
    subject    text        not null,
    body       text        not null,
    updated_by text        not null,
    updated_at timestamptz not null default now(),
    version    bigint      not null default 1,
    primary key (tenant, trigger)
);
select enable_tenant_isolation('templates');

create table preferences (
    tenant        text    not null,
    user_id       text    not null,
    email         boolean not null default true,
    digest        text    not null default 'none' check (digest in ('none', 'daily', 'weekly')),
    muted_reviews uuid[]  not null default '{}',
    version       bigint  not null default 1,
    primary key (tenant, user_id)
);
select enable_tenant_isolation('preferences');

-- A message to one person, rendered when it was made. The dedupe key (event + rule, deadline + date + rule, ...)
-- makes a redelivered event or a repeated scheduler pass a no-op.
create table messages (
    id             uuid        primary key,
    tenant         text        not null,
    recipient      text        not null,
    recipient_name text        not null,
    review_id      uuid,
    case_id        uuid,
    trigger        text        not null,
    dedupe_key     text        not null,
    subject        text        not null,
    body           text        not null,
    link           text,
    urgent         boolean     not null,
    in_inbox       boolean     not null,
    created_at     timestamptz not null default now(),
    read_at        timestamptz,
    -- none: not for a digest; pending: waits for the recipient's digest; sent: went out in one
    digest_state   text        not null default 'none' check (digest_state in ('none', 'pending', 'sent')),
    unique (tenant, recipient, dedupe_key)
);
create index messages_inbox on messages (recipient, created_at desc) where in_inbox;
create index messages_digest on messages (recipient) where digest_state = 'pending';
create index messages_case on messages (case_id) where case_id is not null;
select enable_tenant_isolation('messages');

-- Every delivery, on either channel, with its state and attempts: the delivery log.
create table deliveries (
    id              uuid        primary key,
    tenant          text        not null,
    dedupe_key      text        not null,
    message_id      uuid        references messages (id) on delete cascade,
    recipient       text        not null,
    address         text        not null,
    channel         text        not null check (channel in ('email', 'inbox')),
    kind            text        not null check (kind in ('message', 'digest', 'invitation')),
    trigger         text        not null,
    subject         text        not null,
    body            text        not null,
    link            text,
    calendar        text,
    urgent          boolean     not null default false,
    state           text        not null check (state in ('pending', 'retrying', 'sent', 'failed')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    unique (tenant, dedupe_key)
);
create index deliveries_due on deliveries (urgent desc, next_attempt_at) where state in ('pending', 'retrying');
create index deliveries_log on deliveries (created_at desc);
select enable_tenant_isolation('deliveries');

-- Meetings sent as calendar invitations: a stable UID, and the sequence that makes an update or a cancellation
-- replace the earlier invitation in the recipient's calendar (RFC 5545).
create table invitations (
    uid        text    primary key,
    tenant     text    not null,
    review_id  uuid,
    title      text    not null,
    date       date    not null,
    sequence   int     not null default 0,
    cancelled  boolean not null default false
);
select enable_tenant_isolation('invitations');

-- Sessions ended by signing out before their tokens expired (docs/security.md, "How a session ends").
-- Not tenant-scoped: it holds token ids (jti or a hash of the token), never tokens or personal data.
create table ended_sessions (
    token_id   text        primary key,
    expires_at timestamptz not null,
    ended_at   timestamptz not null default clock_timestamp()
);
create index ended_sessions_ended_at on ended_sessions (ended_at);

-- Only this service's own roles may connect to its database: PostgreSQL grants CONNECT and TEMPORARY to PUBLIC,
-- so another service's application role could otherwise open a session here. Runs as the database owner.
do $$
begin
    execute format('revoke connect, temporary on database %I from public', current_database());
    execute format('grant connect, temporary on database %I to %I', current_database(), '${appRole}');
end
$$;

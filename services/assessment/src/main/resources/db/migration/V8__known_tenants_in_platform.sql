-- The platform keeps the tenants a service has seen (known_tenants, platform V3): move assessment's own list there.
insert into known_tenants (tenant) select tenant from seen_tenants on conflict do nothing;
drop table seen_tenants;

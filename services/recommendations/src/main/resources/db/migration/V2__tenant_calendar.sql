-- The tenant's extra days off (from notifications' TenantCalendarChanged; newest version wins). No row: only the
-- public holidays.
create table tenant_calendar (
    tenant            text    primary key,
    grundlovsdag_off  boolean not null,
    christmas_eve_off boolean not null,
    new_years_eve_off boolean not null,
    version           bigint  not null
);
select enable_tenant_isolation('tenant_calendar');

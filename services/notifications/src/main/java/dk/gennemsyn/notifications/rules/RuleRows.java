package dk.gennemsyn.notifications.rules;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RuleRows extends CrudRepository<RuleRow, UUID> {

    @Query("select * from rules order by trigger, id")
    List<RuleRow> inOrder();

    @Query("select * from rules where trigger = :trigger and enabled order by id")
    List<RuleRow> enabledFor(String trigger);

    /** The enabled rules of a kind of trigger ("reminder.", "overdue."). */
    @Query("select * from rules where starts_with(trigger, :prefix) and enabled order by id")
    List<RuleRow> enabledWithPrefix(String prefix);

    /** Changes the version the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update rules set recipients = :recipients, channel = :channel, urgent = :urgent, offset_days = :offsetDays,
                enabled = :enabled, version = version + 1
            where id = :id and version = :version""")
    long change(UUID id, long version, String[] recipients, String channel, boolean urgent, @Nullable Integer offsetDays,
                boolean enabled);

    /** The tenant is known (its settings row), so the schedulers visit it. */
    @Query("insert into tenant_settings (tenant) values (:tenant) on conflict do nothing")
    long knowTenant(String tenant);

    /** The triggers whose shipped rules the tenant was given. */
    @Query("select trigger from shipped_rules_seeded")
    List<String> shippedTriggers();

    @Query("insert into shipped_rules_seeded (tenant, trigger) values (:tenant, :trigger)")
    long shipped(String tenant, String trigger);
}

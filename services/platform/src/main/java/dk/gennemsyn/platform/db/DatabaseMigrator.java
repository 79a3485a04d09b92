package dk.gennemsyn.platform.db;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Migrates the service's database as the owner role, before anything else touches it. Two histories: the
 * platform's tables (db/platform) and the service's own (db/migration), so the platform can evolve without
 * renumbering any service's migrations.
 *
 * <p>In production the service never holds the owner's password: a separate run ({@code java -jar
 * <service>.jar migrate}, see {@link dk.gennemsyn.platform.ServiceMain}; the chart's migration Job) migrates
 * and exits, and the service starts with {@code gennemsyn.db.migrate-at-start=false}. Tests and quick local
 * runs migrate at start.
 */
@Context
@Requires(property = "gennemsyn.db.migrate-at-start", notEquals = "false")
public class DatabaseMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrator.class);

    public DatabaseMigrator(@Value("${datasources.default.url}") String url,
                            @Value("${datasources.default.username}") String appRole,
                            @Value("${gennemsyn.db.owner.username}") String owner,
                            @Value("${gennemsyn.db.owner.password:}") String ownerPassword) {
        migrateAll(url, appRole, owner, ownerPassword);
    }

    /** Both histories, in order; grants to {@code appRole} are part of the migrations. */
    public static void migrateAll(String url, String appRole, String owner, String ownerPassword) {
        Map<String, String> placeholders = Map.of("appRole", appRole);
        migrate(url, owner, ownerPassword, "platform_schema_history", "classpath:db/platform", placeholders);
        migrate(url, owner, ownerPassword, "flyway_schema_history", "classpath:db/migration", placeholders);
    }

    private static void migrate(String url, String user, String password, String table, String location,
                                Map<String, String> placeholders) {
        var result = Flyway.configure()
                .dataSource(url, user, password)
                .table(table)
                .locations(location)
                .placeholders(placeholders)
                .failOnMissingLocations(false)
                // The second history starts in a schema that already holds the platform's tables.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        if (result.migrationsExecuted == 0) {
            LOG.info("{} is up to date", location);
        } else {
            LOG.info("Migrated {} to version {} ({} applied)", location, result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }
}

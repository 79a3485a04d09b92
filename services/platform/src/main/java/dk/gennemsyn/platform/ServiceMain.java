package dk.gennemsyn.platform;

import dk.gennemsyn.platform.db.DatabaseMigrator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every service's {@code main}: {@code java -jar <service>.jar} serves; {@code java -jar <service>.jar migrate}
 * migrates the service's database as the owner role and exits (0 when done), without starting a server, a
 * consumer or the outbox relay. The chart runs the second as a Helm hook Job, so the serving pods never see
 * the owner's password; {@code ./dev.sh run} runs it before starting the services.
 */
public final class ServiceMain {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

    private ServiceMain() {
    }

    public static void run(Class<?> application, String[] args) {
        if (args.length > 0 && args[0].equals("migrate")) {
            int status = migrate(application);
            // Exit explicitly: a JDBC driver or logging thread must not keep a finished Job's pod alive.
            System.exit(status);
        }
        Micronaut.run(application, args);
    }

    /** Reads the same configuration the service would (files, environment, system properties) and migrates. */
    static int migrate(Class<?> application) {
        try (ApplicationContext context = ApplicationContext.builder(application).build()) {
            Environment env = context.getEnvironment();
            env.start();
            String url = env.getRequiredProperty("datasources.default.url", String.class);
            DatabaseMigrator.migrateAll(url,
                    env.getRequiredProperty("datasources.default.username", String.class),
                    env.getRequiredProperty("gennemsyn.db.owner.username", String.class),
                    env.getProperty("gennemsyn.db.owner.password", String.class, ""));
            LOG.info("Migrations done for {}", url);
            return 0;
        } catch (RuntimeException e) {
            LOG.error("Migration failed: {}", e.getMessage(), e);
            return 1;
        }
    }
}

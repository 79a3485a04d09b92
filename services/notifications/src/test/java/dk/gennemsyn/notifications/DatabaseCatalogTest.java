package dk.gennemsyn.notifications;

import dk.gennemsyn.testsupport.DatabaseCatalog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

/** PostgreSQL itself enforces tenancy in notifications's database, whatever the code does (docs/security.md). */
@MicronautTest(transactional = false)
class DatabaseCatalogTest extends NotificationsTest {

    @Test
    void everyTenantTableHasForcedRowLevelSecurityTheAppRoleOwnsNothingAndOnlyOwnRolesConnect() throws Exception {
        DatabaseCatalog.assertEnforced(getProperties(), List.of("rules", "messages", "deliveries", "preferences"));
    }
}

package dk.gennemsyn.recommendations;

import dk.gennemsyn.testsupport.DatabaseCatalog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

/** PostgreSQL itself enforces tenancy in recommendations's database, whatever the code does (docs/security.md). */
@MicronautTest(transactional = false)
class DatabaseCatalogTest extends RecommendationsTest {

    @Test
    void everyTenantTableHasForcedRowLevelSecurityTheAppRoleOwnsNothingAndOnlyOwnRolesConnect() throws Exception {
        DatabaseCatalog.assertEnforced(getProperties(), List.of("recommendations", "hearings", "focus_areas", "actions", "meetings"));
    }
}

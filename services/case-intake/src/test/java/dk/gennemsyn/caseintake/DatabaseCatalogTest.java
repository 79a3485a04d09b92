package dk.gennemsyn.caseintake;

import dk.gennemsyn.testsupport.DatabaseCatalog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

/** PostgreSQL itself enforces tenancy in case-intake's database, whatever the code does (docs/security.md). */
@MicronautTest(transactional = false)
class DatabaseCatalogTest extends IntakeTest {

    @Test
    void everyTenantTableHasForcedRowLevelSecurityTheAppRoleOwnsNothingAndOnlyOwnRolesConnect() throws Exception {
        DatabaseCatalog.assertEnforced(getProperties(), List.of("cases", "timeline_events", "reviews", "review_people", "import_jobs", "access_log"));
    }
}

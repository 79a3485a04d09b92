package dk.gennemsyn.assessment;

import dk.gennemsyn.testsupport.DatabaseCatalog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

/** PostgreSQL itself enforces tenancy in assessment's database, whatever the code does (docs/security.md). */
@MicronautTest(transactional = false)
class DatabaseCatalogTest extends AssessmentTest {

    @Test
    void everyTenantTableHasForcedRowLevelSecurityTheAppRoleOwnsNothingAndOnlyOwnRolesConnect() throws Exception {
        DatabaseCatalog.assertEnforced(getProperties(), List.of("known_cases", "assignments", "findings", "screening_results", "access_log"));
    }
}

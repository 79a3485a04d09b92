package dk.gennemsyn.reporting;

import dk.gennemsyn.testsupport.DatabaseCatalog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

/** PostgreSQL itself enforces tenancy in reporting's database, whatever the code does (docs/security.md). */
@MicronautTest(transactional = false)
class DatabaseCatalogTest extends ReportingTest {

    @Test
    void everyTenantTableHasForcedRowLevelSecurityTheAppRoleOwnsNothingAndOnlyOwnRolesConnect() throws Exception {
        // benchmark_figures: opted-in municipalities' key figures, numbers and kommunekoder only (docs/architecture.md).
        DatabaseCatalog.assertEnforced(getProperties(), List.of("review_cases", "case_assessments", "case_findings",
                "plan_actions"), "benchmark_figures");
    }
}

package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.caseintake.IntakeTest;
import dk.gennemsyn.platform.db.TenantTx;
import io.micronaut.data.model.Pageable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The repositories run in the tenant transaction: row-level security scopes them, as it scopes hand SQL. */
@MicronautTest(transactional = false)
class RepositoriesRowLevelSecurityTest extends IntakeTest {

    static final String T = "0250";
    static final String OTHER = "0251";

    @Inject CaseRows cases;
    @Inject TimelineRows timelines;
    @Inject TenantTx tenantTx;

    @Test
    void theCaseRepositoriesRunUnderRowLevelSecurity() {
        var r = post("/intake/api/cases", Map.of("caseType", "anbringelse", "team", "Team RLS"), T, "projektleder");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        UUID id = UUID.fromString(id(r));
        assertThat(post("/intake/api/cases/" + id + "/timeline", Map.of("kind", "afgoerelse", "date", "2026-03-01"),
                T, "projektleder").status()).isEqualTo(201);
        assertThat(tenantTx.read(T, () -> cases.shown(id))).get().extracting(CaseRecord::team).isEqualTo("Team RLS");
        assertThat(tenantTx.read(T, () -> timelines.of(id))).hasSize(1);
        assertThat(tenantTx.read(T, () -> cases.page(null, "Team RLS", null, null, null, true, null, Instant.now(),
                Pageable.from(0, 10))).getTotalSize()).isEqualTo(1);

        // Another municipality sees none of it and cannot change it.
        assertThat(tenantTx.read(OTHER, () -> cases.shown(id))).isEmpty();
        assertThat(tenantTx.read(OTHER, () -> cases.findById(id))).isEmpty();
        assertThat(tenantTx.read(OTHER, () -> timelines.of(id))).isEmpty();
        assertThat(tenantTx.read(OTHER, () -> cases.page(null, "Team RLS", null, null, null, true, null, Instant.now(),
                Pageable.from(0, 10))).getTotalSize()).isZero();
        assertThat(tenantTx.write(OTHER, () -> cases.change(id, 1, "anbringelse", null, null, "Overtaget", null, true,
                Instant.now()))).isZero();
        // With no municipality bound at all (outside any TenantTx), nothing is visible.
        assertThat(cases.shown(id)).isEmpty();
        assertThat(cases.findById(id)).isEmpty();
        assertThat(timelines.of(id)).isEmpty();
        assertThat(count("select count(*) from cases where id = '" + id + "' and team = 'Team RLS'")).isEqualTo(1);
    }
}

package dk.gennemsyn.caseintake.measures;

import dk.gennemsyn.caseintake.cases.Cases;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.caseintake.v1.MeasureCatalogueChanged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/** The tenant's catalogue of measures (tilbudsvifte) that timeline measures refer to. Not case data. */
@Singleton
public class Measures {

    @Serdeable
    public record Measure(UUID id, String name, String targetGroup, String legalBasisBarnetsLov,
                          String legalBasisServiceloven, long pricePerYearKr, long version) {
    }

    public record Input(String name, @Nullable String targetGroup, @Nullable String legalBasisBarnetsLov,
                        @Nullable String legalBasisServiceloven, @Nullable Long pricePerYearKr) {
    }

    private static final String COLUMNS = "id, name, target_group, legal_basis_barnets_lov, legal_basis_serviceloven, "
            + "price_per_year_kr, version";

    private final TenantTx tenantTx;
    private final Outbox outbox;

    Measures(TenantTx tenantTx, Outbox outbox) {
        this.tenantTx = tenantTx;
        this.outbox = outbox;
    }

    public List<Measure> list(Caller caller) {
        return tenantTx.read(caller.tenant(), () -> tenantTx.query("select " + COLUMNS + " from measures order by name",
                Measures::map));
    }

    public Measure create(Caller caller, Input in) {
        Input v = validate(in);
        return tenantTx.write(caller.tenant(), () -> {
            if (!tenantTx.query("select 1 from measures where lower(name) = lower(?)", rs -> 1, v.name()).isEmpty()) {
                throw new ProblemException(HttpStatus.CONFLICT, "duplicate-measure",
                        "Tilbudsviften har allerede et tilbud med det navn.", "name");
            }
            UUID id = UUID.randomUUID();
            tenantTx.update("insert into measures (id, tenant, name, target_group, legal_basis_barnets_lov, "
                            + "legal_basis_serviceloven, price_per_year_kr) values (?, ?, ?, ?, ?, ?, ?)",
                    id, caller.tenant(), v.name(), v.targetGroup(), v.legalBasisBarnetsLov(), v.legalBasisServiceloven(),
                    v.pricePerYearKr());
            return published(caller.tenant(), load(id));
        });
    }

    public Measure update(Caller caller, UUID id, long expectedVersion, Input in) {
        Input v = validate(in);
        return tenantTx.write(caller.tenant(), () -> {
            load(id);
            int n = tenantTx.update("update measures set name = ?, target_group = ?, legal_basis_barnets_lov = ?, "
                            + "legal_basis_serviceloven = ?, price_per_year_kr = ?, version = version + 1 where id = ? and version = ?",
                    v.name(), v.targetGroup(), v.legalBasisBarnetsLov(), v.legalBasisServiceloven(), v.pricePerYearKr(),
                    id, expectedVersion);
            if (n == 0) {
                throw new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                        "Tilbuddet er ændret af en anden, siden du hentede det. Hent det igen.", null);
            }
            return published(caller.tenant(), load(id));
        });
    }

    /** Inside TenantTx: reporting prices measures from the catalogue (its cost-per-measure page). */
    private Measure published(String tenant, Measure m) {
        outbox.append(tenant, m.id().toString(), MeasureCatalogueChanged.newBuilder().setMeasureId(m.id().toString())
                .setName(m.name()).setTargetGroup(m.targetGroup() == null ? "" : m.targetGroup())
                .setLegalBasisBarnetsLov(m.legalBasisBarnetsLov() == null ? "" : m.legalBasisBarnetsLov())
                .setLegalBasisServiceloven(m.legalBasisServiceloven() == null ? "" : m.legalBasisServiceloven())
                .setPricePerYearKr(m.pricePerYearKr()).setVersion(m.version()).build());
        return m;
    }

    private Measure load(UUID id) {
        return tenantTx.query("select " + COLUMNS + " from measures where id = ?", Measures::map, id).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Tilbuddet findes ikke."));
    }

    private static Input validate(Input in) {
        String name = Cases.text("name", in.name(), 200);
        if (name.isBlank()) {
            throw ProblemException.invalid("name", "Giv tilbuddet et navn.");
        }
        if (in.pricePerYearKr() != null && in.pricePerYearKr() < 0) {
            throw ProblemException.invalid("pricePerYearKr", "Prisen kan ikke være negativ.");
        }
        return new Input(name, Cases.text("targetGroup", in.targetGroup(), 200),
                Cases.text("legalBasisBarnetsLov", in.legalBasisBarnetsLov(), 100),
                Cases.text("legalBasisServiceloven", in.legalBasisServiceloven(), 100),
                in.pricePerYearKr() == null ? 0L : in.pricePerYearKr());
    }

    private static Measure map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Measure(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7));
    }
}

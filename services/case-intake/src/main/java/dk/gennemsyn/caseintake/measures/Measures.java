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
import java.util.Optional;
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

    private final TenantTx tenantTx;
    private final MeasureRows rows;
    private final Outbox outbox;

    Measures(TenantTx tenantTx, MeasureRows rows, Outbox outbox) {
        this.tenantTx = tenantTx;
        this.rows = rows;
        this.outbox = outbox;
    }

    public List<Measure> list(Caller caller) {
        return tenantTx.read(caller.tenant(), () -> rows.listOrderByName().stream().map(MeasureRow::view).toList());
    }

    public Measure create(Caller caller, Input in) {
        Input v = validate(in);
        return tenantTx.write(caller.tenant(), () -> {
            if (rows.nameTaken(v.name())) {
                throw new ProblemException(HttpStatus.CONFLICT, "duplicate-measure",
                        "Tilbudsviften har allerede et tilbud med det navn.", "name");
            }
            UUID id = UUID.randomUUID();
            rows.save(new MeasureRow(id, caller.tenant(), v.name(), v.targetGroup(), v.legalBasisBarnetsLov(),
                    v.legalBasisServiceloven(), v.pricePerYearKr(), 0));
            return published(caller.tenant(), load(id));
        });
    }

    public Measure update(Caller caller, UUID id, long expectedVersion, Input in) {
        Input v = validate(in);
        return tenantTx.write(caller.tenant(), () -> {
            load(id);
            if (rows.change(id, expectedVersion, v.name(), v.targetGroup(), v.legalBasisBarnetsLov(),
                    v.legalBasisServiceloven(), v.pricePerYearKr()) == 0) {
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
        return find(id).orElseThrow(() -> ProblemException.notFound("Tilbuddet findes ikke."));
    }

    /** Inside TenantTx: the measure of the tenant's catalogue, if there is one by that id. */
    public Optional<Measure> find(UUID id) {
        return rows.findById(id).map(MeasureRow::view);
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

}

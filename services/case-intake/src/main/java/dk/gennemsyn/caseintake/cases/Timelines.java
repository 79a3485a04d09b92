package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.caseintake.measures.Measures;
import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A case's timeline entered by hand (an import replaces the imported part set-based): each event added or removed is
 * a new version of the case, logged as a change of case data, and announced whole (CaseUpdated).
 */
@Singleton
public class Timelines {

    private final Cases cases;
    private final TenantTx tenantTx;
    private final AccessLog accessLog;
    private final Clock clock;
    private final TimelineRows rows;
    private final Measures measures;

    Timelines(Cases cases, TenantTx tenantTx, AccessLog accessLog, Clock clock, TimelineRows rows, Measures measures) {
        this.rows = rows;
        this.measures = measures;
        this.cases = cases;
        this.tenantTx = tenantTx;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    public TimelineEntry add(Caller caller, UUID caseId, Cases.TimelineInput in) {
        TimelineKind kind = TimelineKind.ofCode(in.kind() == null ? "" : in.kind())
                .orElseThrow(() -> ProblemException.invalid("kind", "Ukendt hændelsestype. Vælg en af: "
                        + String.join(", ", TimelineKind.labels().keySet()) + "."));
        if (in.date() == null) {
            throw ProblemException.invalid("date", "Angiv datoen for hændelsen.");
        }
        if (in.date().isAfter(LocalDate.now(clock).plusYears(1))) {
            throw ProblemException.invalid("date", "Datoen ligger mere end et år ude i fremtiden.");
        }
        String note = Cases.text("note", in.note(), 4000);
        String bl = Cases.text("legalBasisBarnetsLov", in.legalBasisBarnetsLov(), 100);
        String sel = Cases.text("legalBasisServiceloven", in.legalBasisServiceloven(), 100);
        if (in.yearlyCostKr() != null && in.yearlyCostKr() < 0) {
            throw ProblemException.invalid("yearlyCostKr", "Den årlige udgift kan ikke være negativ.");
        }
        return tenantTx.write(caller.tenant(), () -> {
            cases.load(caseId).orElseThrow(Cases::notFound);
            String measureBl = bl;
            String measureSel = sel;
            Long cost = in.yearlyCostKr();
            if (in.measureId() != null) {
                Measures.Measure m = measures.find(in.measureId()).orElseThrow(() ->
                        ProblemException.invalid("measureId", "Tilbuddet findes ikke i kommunens tilbudsvifte."));
                // The catalogue fills in what the caller left out.
                measureBl = bl.isBlank() ? m.legalBasisBarnetsLov() : bl;
                measureSel = sel.isBlank() ? m.legalBasisServiceloven() : sel;
                cost = cost == null ? m.pricePerYearKr() : cost;
            }
            UUID id = UUID.randomUUID();
            rows.addManual(id, caller.tenant(), caseId, kind.code, in.date(), note, in.measureId(), measureBl, measureSel,
                    cost, in.withoutConsent(), in.time());
            cases.touch(caseId);
            accessLog.record(caller, caseId.toString(), AccessLog.Action.UPDATE, "tidslinje");
            cases.publishUpdated(caller.tenant(), caseId);
            return cases.timeline(caseId).stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
        });
    }

    public void remove(Caller caller, UUID caseId, UUID eventId) {
        tenantTx.write(caller.tenant(), () -> {
            if (rows.remove(eventId, caseId) == 0) {
                throw ProblemException.notFound("Hændelsen findes ikke på sagen.");
            }
            cases.touch(caseId);
            accessLog.record(caller, caseId.toString(), AccessLog.Action.UPDATE, "tidslinje");
            cases.publishUpdated(caller.tenant(), caseId);
        });
    }
}

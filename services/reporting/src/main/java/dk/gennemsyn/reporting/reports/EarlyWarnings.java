package dk.gennemsyn.reporting.reports;

import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.reporting.model.CaseFindingRow;
import dk.gennemsyn.reporting.model.CaseFindingRows;
import dk.gennemsyn.reporting.reports.Reports.EarlyWarning;
import dk.gennemsyn.reporting.reports.Reports.ReviewRef;
import dk.gennemsyn.reporting.reports.Reports.WarningLine;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A review's budget early warning: its budget-relevant findings, the largest expected yearly amount first, and the
 * days left until the warning date. The findings' texts are case content: only those who read the cases see them,
 * never of a case still blind for them, and showing them is logged.
 */
@Singleton
public class EarlyWarnings {

    private final TenantTx tenantTx;
    private final Reports reports;
    private final CaseFindingRows findings;
    private final AccessLog accessLog;
    private final Clock clock;

    EarlyWarnings(TenantTx tenantTx, Reports reports, CaseFindingRows findings, AccessLog accessLog, Clock clock) {
        this.tenantTx = tenantTx;
        this.reports = reports;
        this.findings = findings;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    public EarlyWarning of(Caller caller, UUID review) {
        Reports.requireStaff(caller);
        // A write: showing the findings' texts is a read of those cases, and it is logged.
        return tenantTx.write(caller.tenant(), () -> {
            ReviewRef r = reports.review(review);
            boolean text = Reports.readsCases(caller);
            List<CaseFindingRow> found = findings.budgetRelevant(review, caller.userId());
            List<WarningLine> lines = found.stream().map(f -> new WarningLine(f.alias(), f.category(), f.severity(),
                    Reports.SEVERITIES.getOrDefault(f.severity(), f.severity()), f.expectedYearlyKr(),
                    text ? f.text() : null)).toList();
            Long daysLeft = r.budgetWarningOn() == null ? null
                    : ChronoUnit.DAYS.between(LocalDate.now(clock.withZone(DanishFormat.ZONE)), r.budgetWarningOn());
            if (text && !lines.isEmpty()) {
                accessLog.recordAll(caller, found.stream().map(f -> f.caseId().toString()).distinct().toList(),
                        AccessLog.Action.READ, "budgetvarsling");
            }
            return new EarlyWarning(r, lines, lines.stream().mapToLong(WarningLine::expectedYearlyKr).sum(), daysLeft);
        });
    }
}

package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.assessment.screening.CaseEvent;
import dk.gennemsyn.assessment.screening.Screenings;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.BatchEventHandler;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Assessment's copy of registered cases and of the reviews' selections of them (no call across databases). */
@Singleton
public class KnownCases {

    /** A case selected for a review: its tiers and its forklæde. */
    @Introspected
    public record Selection(UUID caseId, String alias, boolean deepReview, boolean secondReview, String forklaede) {
    }

    public record Selected(String alias, boolean deepReview, boolean secondReview, String forklaede) {
    }

    private final KnownCaseRows rows;
    private final TenantTx tenantTx;
    private final Screenings screenings;

    KnownCases(KnownCaseRows rows, TenantTx tenantTx, Screenings screenings) {
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.screenings = screenings;
    }

    /**
     * A new case's first snapshot adds it; the newest wins and is screened; an older or repeated one changes nothing.
     * A run of one tenant's snapshots is stored in one statement and screened together; within it, only each case's
     * newest snapshot counts (what applying them one after the other would leave). Hand SQL: an upsert of arrays.
     */
    void updateAll(List<BatchEventHandler.Received<CaseUpdated>> events) {
        List<BatchEventHandler.Received<CaseUpdated>> newest =
                BatchEventHandler.newest(events, CaseUpdated::getCaseId, CaseUpdated::getVersion, false);
        String tenant = events.get(0).context().tenant();
        List<Screenings.Snapshot> snapshots = new ArrayList<>(newest.size());
        List<String> timelines = new ArrayList<>(newest.size());
        for (var e : newest) {
            CaseUpdated c = e.event();
            List<CaseEvent> timeline = c.getTimelineList().stream().map(KnownCases::caseEvent).toList();
            snapshots.add(new Screenings.Snapshot(c.getCaseId(), c.getAlias(), c.getCaseType(), c.getVersion(), timeline));
            timelines.add(screenings.json(timeline));
        }
        Set<String> applied = new HashSet<>(tenantTx.query("""
                insert into known_cases (case_id, tenant, alias, case_type, registered_at, version, timeline)
                select id, ?, alias, type, at::timestamptz, v, tl::jsonb
                from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[]) as t(id, alias, type, at, v, tl)
                on conflict (case_id) do update set alias = excluded.alias, case_type = excluded.case_type,
                    version = excluded.version, timeline = excluded.timeline
                where known_cases.version < excluded.version
                returning case_id::text""", rs -> rs.getString(1), tenant,
                tenantTx.array("uuid", snapshots, Screenings.Snapshot::caseId),
                tenantTx.array("text", snapshots, Screenings.Snapshot::alias),
                tenantTx.array("text", snapshots, Screenings.Snapshot::caseType),
                tenantTx.array("text", newest, e -> e.context().occurredAt().toString()),
                tenantTx.array("bigint", snapshots, Screenings.Snapshot::version),
                tenantTx.array("text", timelines)));
        screenings.screenAll(tenant, snapshots.stream().filter(s -> applied.contains(s.caseId())).toList());
    }

    static CaseEvent caseEvent(TimelineEvent e) {
        return new CaseEvent(e.getKind(), LocalDate.parse(e.getDate()),
                e.getTime().isEmpty() ? null : LocalTime.parse(e.getTime()), e.getWithoutConsent(), e.getMeasureName(),
                e.getLegalBasisBarnetsLov(), e.getLegalBasisServiceloven(), e.getYearlyCostKr());
    }

    void select(EventContext context, CaseSelectedForReview e) {
        screenings.reviewChanged(context.tenant(), e.getReviewId());
        rows.selectNewer(context.tenant(), UUID.fromString(e.getReviewId()), UUID.fromString(e.getCaseId()), e.getAlias(),
                e.getSelection(), e.getScreening(), e.getDeepReview(), e.getSecondReview(), e.getForklaede(),
                e.getVersion());
    }

    /** Case-level rows of an erased review go; so do the cases erased altogether. */
    void erase(ReviewCaseDataErased e) {
        rows.removeSelections(UUID.fromString(e.getReviewId()));
        for (String caseId : e.getCaseIdsList()) {
            rows.deleteById(UUID.fromString(caseId));
        }
    }

    /** Inside TenantTx: the review's selected cases by alias ("Sag 2" before "Sag 10"). */
    public List<Selection> selections(UUID reviewId) {
        return rows.selections(reviewId);
    }

    /** Inside TenantTx: the case's selection for the review, if it is selected. */
    public Optional<Selection> selection(UUID reviewId, UUID caseId) {
        return rows.selection(reviewId, caseId).stream().findFirst();
    }

    /** Inside TenantTx: the yearly cost of the case's measures still running, from its timeline. */
    public long runningMeasuresCost(UUID caseId) {
        return rows.runningMeasuresCost(caseId);
    }

    public List<Selected> selected(String tenant, String reviewId) {
        return tenantTx.read(tenant, () -> rows.selectionsByAlias(UUID.fromString(reviewId)).stream()
                .map(s -> new Selected(s.alias(), s.deepReview(), s.secondReview(), s.forklaede())).toList());
    }

    public long count(String tenant) {
        return tenantTx.read(tenant, rows::count);
    }

    public List<String> aliases(String tenant) {
        return tenantTx.read(tenant, () -> rows.aliasesByRegistration().stream().map(KnownCaseRows.Alias::alias).toList());
    }
}

package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.assessment.screening.CaseEvent;
import dk.gennemsyn.assessment.screening.Screenings;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** Assessment's copy of registered cases (no call across databases). */
@Singleton
public class KnownCases {

    private final TenantTx tenantTx;
    private final Screenings screenings;

    KnownCases(TenantTx tenantTx, Screenings screenings) {
        this.tenantTx = tenantTx;
        this.screenings = screenings;
    }

    /** A new case's first snapshot adds it; the newest wins and is screened; an older or repeated one changes nothing. */
    void update(EventContext context, CaseUpdated event) {
        List<CaseEvent> timeline = event.getTimelineList().stream().map(KnownCases::caseEvent).toList();
        int applied = tenantTx.update("""
                insert into known_cases (case_id, tenant, alias, case_type, registered_at, version, timeline)
                values (?::uuid, ?, ?, ?, ?, ?, ?::jsonb)
                on conflict (case_id) do update set alias = excluded.alias, case_type = excluded.case_type,
                    version = excluded.version, timeline = excluded.timeline
                where known_cases.version < excluded.version""",
                event.getCaseId(), context.tenant(), event.getAlias(), event.getCaseType(), context.occurredAt(),
                event.getVersion(), screenings.json(timeline));
        if (applied > 0) {
            screenings.screen(context.tenant(), event.getCaseId(), event.getAlias(), event.getCaseType(),
                    event.getVersion(), timeline);
        }
    }

    static CaseEvent caseEvent(TimelineEvent e) {
        return new CaseEvent(e.getKind(), LocalDate.parse(e.getDate()),
                e.getTime().isEmpty() ? null : LocalTime.parse(e.getTime()), e.getWithoutConsent(), e.getMeasureName(),
                e.getLegalBasisBarnetsLov(), e.getLegalBasisServiceloven(), e.getYearlyCostKr());
    }

    void select(EventContext context, CaseSelectedForReview e) {
        screenings.reviewChanged(context.tenant(), e.getReviewId());
        tenantTx.update("""
                insert into review_selections (tenant, review_id, case_id, alias, selection, screening, deep_review,
                                               second_review, forklaede, version)
                values (?, ?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?)
                on conflict (review_id, case_id) do update set selection = excluded.selection,
                    screening = excluded.screening, deep_review = excluded.deep_review,
                    second_review = excluded.second_review, forklaede = excluded.forklaede, version = excluded.version
                where review_selections.version < excluded.version""",
                context.tenant(), e.getReviewId(), e.getCaseId(), e.getAlias(), e.getSelection(), e.getScreening(),
                e.getDeepReview(), e.getSecondReview(), e.getForklaede(), e.getVersion());
    }

    /** Case-level rows of an erased review go; so do the cases erased altogether. */
    void erase(ReviewCaseDataErased e) {
        tenantTx.update("delete from review_selections where review_id = ?::uuid", e.getReviewId());
        for (String caseId : e.getCaseIdsList()) {
            tenantTx.update("delete from known_cases where case_id = ?::uuid", caseId);
        }
    }

    public record Selected(String alias, boolean deepReview, boolean secondReview, String forklaede) {
    }

    public List<Selected> selected(String tenant, String reviewId) {
        return tenantTx.read(tenant, () -> tenantTx.query("""
                select alias, deep_review, second_review, forklaede from review_selections
                where review_id = ?::uuid order by alias""",
                rs -> new Selected(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4)), reviewId));
    }

    public long count(String tenant) {
        return tenantTx.read(tenant, () -> tenantTx.query("select count(*) from known_cases", rs -> rs.getLong(1)).get(0));
    }

    public List<String> aliases(String tenant) {
        return tenantTx.read(tenant, () -> tenantTx.query("select alias from known_cases order by registered_at",
                rs -> rs.getString(1)));
    }
}

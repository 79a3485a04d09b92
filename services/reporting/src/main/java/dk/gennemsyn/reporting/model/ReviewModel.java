package dk.gennemsyn.reporting.model;

import dk.gennemsyn.platform.web.DanishFormat;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.proto.assessment.v1.AssessmentModerated;
import dk.gennemsyn.proto.assessment.v1.AssessmentSubmitted;
import dk.gennemsyn.proto.assessment.v1.AssessmentValidated;
import dk.gennemsyn.proto.assessment.v1.FindingRecorded;
import dk.gennemsyn.proto.assessment.v1.InstrumentPublished;
import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.RuleResult;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.proto.assessment.v1.SecondReviewAssigned;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.MeasureCatalogueChanged;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import dk.gennemsyn.reporting.recommendations.RecommendationProjection;
import dk.gennemsyn.reporting.retained.EventArchive;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read models of reviews, assessments and cases, built only from events and idempotently: each event is archived
 * once (the inbox) and applied so that a redelivery or an older event arriving late changes nothing (versions,
 * computed-at times and upserts). {@link #apply} is also what a rebuild replays the archive through. The upserts go
 * through the read model's repositories; the erasure and a case's measures stay hand SQL, as set-based statements
 * (all of a review's rows in each table, a case's whole timeline in one insert).
 */
@Singleton
public class ReviewModel implements Projection {


    private final TenantTx tenantTx;
    private final EventArchive archive;
    private final JsonMapper json;
    private final RecommendationProjection recommendations;
    private final InstrumentRows instruments;
    private final ReviewCaseRows reviewCases;
    private final CaseAssessmentRows assessments;
    private final CaseModerationRows moderations;
    private final CaseValidationRows validations;
    private final CaseFindingRows findings;
    private final CaseScreeningRows screenings;
    private final ComplianceMonths compliance;
    private final ReviewScreeningRows reviewScreenings;
    private final BlindCases blindCases;
    private final TenantCaseRows tenantCases;
    private final MeasureCatalogue measureCatalogue;

    ReviewModel(TenantTx tenantTx, EventArchive archive, JsonMapper json, RecommendationProjection recommendations,
                InstrumentRows instruments, ReviewCaseRows reviewCases, CaseAssessmentRows assessments,
                CaseModerationRows moderations, CaseValidationRows validations, CaseFindingRows findings,
                CaseScreeningRows screenings, ComplianceMonths compliance, ReviewScreeningRows reviewScreenings,
                BlindCases blindCases, TenantCaseRows tenantCases, MeasureCatalogue measureCatalogue) {
        this.tenantTx = tenantTx;
        this.archive = archive;
        this.json = json;
        this.recommendations = recommendations;
        this.instruments = instruments;
        this.reviewCases = reviewCases;
        this.assessments = assessments;
        this.moderations = moderations;
        this.validations = validations;
        this.findings = findings;
        this.screenings = screenings;
        this.compliance = compliance;
        this.reviewScreenings = reviewScreenings;
        this.blindCases = blindCases;
        this.tenantCases = tenantCases;
        this.measureCatalogue = measureCatalogue;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(InstrumentPublished.class, CaseSelectedForReview.class, AssessmentSubmitted.class,
                AssessmentModerated.class, AssessmentValidated.class, FindingRecorded.class, ScreeningResultChanged.class,
                ReviewScreeningSummaryChanged.class, CaseUpdated.class, ReviewCaseDataErased.class,
                SecondReviewAssigned.class, SecondReviewCompleted.class, MeasureCatalogueChanged.class);
    }

    @Override
    public void handle(EventContext c, Message event) {
        if (event instanceof ReviewCaseDataErased erased) {
            erase(erased);
            return;
        }
        archive.keep(c, event);
        apply(c, event);
    }

    @Override
    public void apply(EventContext c, Message event) {
        String t = c.tenant();
        if (event instanceof InstrumentPublished e) {
            instruments.publish(uuid(e.getInstrumentId()), t, e.getName(), e.getVersion(), proto(e.getQuestionsList()));
        } else if (event instanceof CaseSelectedForReview e) {
            reviewCases.select(t, uuid(e.getReviewId()), uuid(e.getCaseId()), e.getAlias(), e.getCaseType(),
                    e.getDeepReview(), e.getSecondReview(), e.getVersion());
        } else if (event instanceof AssessmentSubmitted e) {
            assessments.submit(t, uuid(e.getReviewId()), uuid(e.getCaseId()), e.getRound(), e.getAlias(), e.getReviewer(),
                    uuid(e.getInstrumentId()), map(e.getAnswersMap()), e.getYearlyCostKr(), c.occurredAt());
        } else if (event instanceof AssessmentModerated e) {
            moderations.moderate(t, uuid(e.getReviewId()), uuid(e.getCaseId()), e.getQuestionId(), e.getAnswer());
        } else if (event instanceof AssessmentValidated e) {
            validations.validate(t, uuid(e.getReviewId()), uuid(e.getCaseId()), e.getVerdict(),
                    map(e.getFinalAnswersMap()), c.occurredAt());
        } else if (event instanceof FindingRecorded e) {
            findings.record(uuid(e.getFindingId()), t, uuid(e.getReviewId()), uuid(e.getCaseId()), e.getAlias(),
                    e.getCategory(), e.getSeverity(), e.getUrgent(), e.getBudgetRelevant(), e.getExpectedYearlyKr(),
                    e.getText());
        } else if (event instanceof ScreeningResultChanged e) {
            UUID caseId = uuid(e.getCaseId());
            if (screenings.screen(caseId, t, e.getAlias(), e.getCaseVersion(), proto(e.getResultsList())) > 0) {
                java.time.LocalDate month = c.occurredAt().atZone(DanishFormat.ZONE).toLocalDate().withDayOfMonth(1);
                for (RuleResult r : e.getResultsList()) {
                    boolean judged = r.getResult().equals("met") || r.getResult().equals("not_met");
                    compliance.forget(month, r.getRule(), caseId);
                    if (judged) {
                        compliance.judge(t, month, r.getRule(), caseId, r.getResult().equals("met"));
                    }
                }
            }
        } else if (event instanceof ReviewScreeningSummaryChanged e) {
            reviewScreenings.summarise(uuid(e.getReviewId()), t, e.getCases(), proto(e.getRulesList()),
                    java.time.Instant.parse(e.getComputedAt()));
            for (var r : e.getRulesList()) {
                reviewScreenings.nameRule(t, r.getRule(), r.getTitle(), r.getParagraph());
            }
        } else if (event instanceof SecondReviewAssigned e) {
            blindCases.assign(t, uuid(e.getReviewId()), uuid(e.getCaseId()), json(e.getReviewersList()));
        } else if (event instanceof SecondReviewCompleted e) {
            blindCases.complete(t, uuid(e.getReviewId()), uuid(e.getCaseId()));
        } else if (event instanceof CaseUpdated e) {
            java.time.LocalDate opened = e.getTimelineList().stream().map(TimelineEvent::getDate)
                    .filter(d -> !d.isEmpty()).min(String::compareTo).map(java.time.LocalDate::parse).orElse(null);
            if (tenantCases.update(uuid(e.getCaseId()), t, e.getCaseType(), e.getCaseworker(), e.getOpen(),
                    runningCost(e.getTimelineList()), e.getVersion(), e.getTeam(), opened) > 0) {
                measures(t, e);
            }
        } else if (event instanceof MeasureCatalogueChanged e) {
            measureCatalogue.change(t, uuid(e.getMeasureId()), e.getName(), e.getLegalBasisBarnetsLov(),
                    e.getLegalBasisServiceloven(), e.getPricePerYearKr(), e.getVersion());
        }
    }

    private static UUID uuid(String id) {
        return UUID.fromString(id);
    }

    /**
     * A closed review's case-level data is erased: its case rows here and its case-level events in the archive go;
     * the aggregates (the screening summary, plan progress) stay.
     */
    void erase(ReviewCaseDataErased e) {
        UUID review = UUID.fromString(e.getReviewId());
        String[] cases = e.getCaseIdsList().toArray(String[]::new);
        recommendations.erase(review);
        for (String table : List.of("review_cases", "case_assessments", "case_moderations", "case_validations", "case_findings",
                "blind_cases")) {
            tenantTx.update("delete from " + table + " where review_id = ?", review);
        }
        for (String table : List.of("case_measures", "case_screenings", "tenant_cases", "compliance_months")) {
            tenantTx.update("delete from " + table + " where case_id::text = any(?)", (Object) cases);
        }
        tenantTx.update("delete from retained_events where (review_id = ? and aggregate_id <> ?) or aggregate_id = any(?)",
                e.getReviewId(), e.getReviewId(), cases);
    }

    /**
     * The case's measures from its newest timeline, replacing the older version's: each start with the first end of
     * the same measure after it (if any). One statement each way, so an import's many cases stay cheap.
     */
    private void measures(String tenant, CaseUpdated e) {
        tenantTx.update("delete from case_measures where case_id = ?::uuid", e.getCaseId());
        List<TimelineEvent> sorted = e.getTimelineList().stream()
                .sorted(java.util.Comparator.comparing(TimelineEvent::getDate)).toList();
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            TimelineEvent s = sorted.get(i);
            if (!s.getKind().equals("foranstaltning_startet")) {
                continue;
            }
            String ended = null;
            for (int j = i + 1; j < sorted.size(); j++) {
                TimelineEvent x = sorted.get(j);
                if (x.getKind().equals("foranstaltning_afsluttet") && x.getMeasureName().equals(s.getMeasureName())) {
                    ended = x.getDate();
                    break;
                }
            }
            rows.add(new Object[]{rows.size(), s.getMeasureId(), s.getMeasureName(), s.getLegalBasisBarnetsLov(),
                    s.getLegalBasisServiceloven(), s.getYearlyCostKr(), s.getDate(), ended});
        }
        if (rows.isEmpty()) {
            return;
        }
        tenantTx.update("""
                insert into case_measures (tenant, case_id, seq, measure_id, measure_name, legal_basis_bl, legal_basis_sel,
                    yearly_cost_kr, started_on, ended_on)
                select ?, ?::uuid, x.seq, x.mid, x.name, x.bl, x.sel, x.cost, x.started::date, x.ended::date
                from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[])
                    as x(seq, mid, name, bl, sel, cost, started, ended)""",
                tenant, e.getCaseId(), column(rows, 0, "int"), column(rows, 1, "text"), column(rows, 2, "text"),
                column(rows, 3, "text"), column(rows, 4, "text"), column(rows, 5, "bigint"), column(rows, 6, "text"),
                column(rows, 7, "text"));
    }

    private java.sql.Array column(List<Object[]> rows, int i, String type) {
        return tenantTx.array(type, rows.stream().map(r -> r[i]).toList());
    }

    /** The yearly cost of the measures still running on the timeline (started, not ended since). */
    static long runningCost(List<TimelineEvent> timeline) {
        Map<String, TimelineEvent> running = new LinkedHashMap<>();
        timeline.stream().sorted(java.util.Comparator.comparing(TimelineEvent::getDate)).forEach(ev -> {
            if (ev.getKind().equals("foranstaltning_startet")) {
                running.put(ev.getMeasureName(), ev);
            } else if (ev.getKind().equals("foranstaltning_afsluttet")) {
                running.remove(ev.getMeasureName());
            }
        });
        return running.values().stream().mapToLong(TimelineEvent::getYearlyCostKr).sum();
    }

    private String map(Map<String, String> m) {
        try {
            return json.writeValueAsString(new java.util.TreeMap<>(m));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages as JSON with their proto field names (empty fields included), for jsonb columns. */
    private String proto(List<? extends Message> messages) {
        try {
            return json.writeValueAsString(messages.stream().map(ReviewModel::fields).toList());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> fields(Message m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var f : m.getDescriptorForType().getFields()) {
            Object v = m.getField(f);
            if (f.isRepeated()) {
                out.put(f.getName(), ((List<?>) v).stream().map(x -> x instanceof Message mm ? fields(mm) : x).toList());
            } else {
                out.put(f.getName(), v instanceof Message mm ? fields(mm) : v);
            }
        }
        return out;
    }
}

package dk.gennemsyn.reporting.model;


import com.google.protobuf.Message;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.BatchEventHandler.Received;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.proto.assessment.v1.AssessmentModerated;
import dk.gennemsyn.proto.assessment.v1.AssessmentSubmitted;
import dk.gennemsyn.proto.assessment.v1.AssessmentValidated;
import dk.gennemsyn.proto.assessment.v1.FindingRecorded;
import dk.gennemsyn.proto.assessment.v1.InstrumentPublished;
import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.proto.assessment.v1.SecondReviewAssigned;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.MeasureCatalogueChanged;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
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
    private final ReviewScreeningRows reviewScreenings;
    private final BlindCases blindCases;
    private final MeasureCatalogue measureCatalogue;
    private final CaseModel caseModel;

    ReviewModel(TenantTx tenantTx, EventArchive archive, JsonMapper json, RecommendationProjection recommendations,
                InstrumentRows instruments, ReviewCaseRows reviewCases, CaseAssessmentRows assessments,
                CaseModerationRows moderations, CaseValidationRows validations, CaseFindingRows findings,
                ReviewScreeningRows reviewScreenings, BlindCases blindCases, MeasureCatalogue measureCatalogue,
                CaseModel caseModel) {
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
        this.reviewScreenings = reviewScreenings;
        this.blindCases = blindCases;
        this.measureCatalogue = measureCatalogue;
        this.caseModel = caseModel;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(InstrumentPublished.class, CaseSelectedForReview.class, AssessmentSubmitted.class,
                AssessmentModerated.class, AssessmentValidated.class, FindingRecorded.class, ScreeningResultChanged.class,
                ReviewScreeningSummaryChanged.class, CaseUpdated.class, ReviewCaseDataErased.class,
                SecondReviewAssigned.class, SecondReviewCompleted.class, MeasureCatalogueChanged.class);
    }

    /** An import's cases and their screenings come by the thousand: applied a run at a time ({@link CaseModel}). */
    @Override
    public Collection<Class<? extends Message>> batchedTypes() {
        return List.of(CaseUpdated.class, ScreeningResultChanged.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handleAll(List<Received<Message>> events) {
        archive.keepAll(events);
        String tenant = events.get(0).context().tenant();
        if (events.get(0).event() instanceof CaseUpdated) {
            caseModel.casesUpdated(tenant, (List<Received<CaseUpdated>>) (List<?>) events);
        } else {
            caseModel.screeningsChanged(tenant, (List<Received<ScreeningResultChanged>>) (List<?>) events);
        }
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
            instruments.publish(uuid(e.getInstrumentId()), t, e.getName(), e.getVersion(), proto(json, e.getQuestionsList()));
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
            caseModel.screeningsChanged(t, List.of(new Received<>(c, e)));
        } else if (event instanceof ReviewScreeningSummaryChanged e) {
            reviewScreenings.summarise(uuid(e.getReviewId()), t, e.getCases(), proto(json, e.getRulesList()),
                    java.time.Instant.parse(e.getComputedAt()));
            for (var r : e.getRulesList()) {
                reviewScreenings.nameRule(t, r.getRule(), r.getTitle(), r.getParagraph());
            }
        } else if (event instanceof SecondReviewAssigned e) {
            blindCases.assign(t, uuid(e.getReviewId()), uuid(e.getCaseId()), json(e.getReviewersList()));
        } else if (event instanceof SecondReviewCompleted e) {
            blindCases.complete(t, uuid(e.getReviewId()), uuid(e.getCaseId()));
        } else if (event instanceof CaseUpdated e) {
            caseModel.casesUpdated(t, List.of(new Received<>(c, e)));
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
    static String proto(JsonMapper json, List<? extends Message> messages) {
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

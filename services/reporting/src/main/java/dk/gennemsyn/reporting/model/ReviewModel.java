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
 * computed-at times and upserts). {@link #apply} is also what a rebuild replays the archive through.
 */
@Singleton
public class ReviewModel implements Projection {


    private final TenantTx tenantTx;
    private final EventArchive archive;
    private final JsonMapper json;

    private final dk.gennemsyn.reporting.recommendations.RecommendationProjection recommendations;

    ReviewModel(TenantTx tenantTx, EventArchive archive, JsonMapper json,
                dk.gennemsyn.reporting.recommendations.RecommendationProjection recommendations) {
        this.recommendations = recommendations;
        this.tenantTx = tenantTx;
        this.archive = archive;
        this.json = json;
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
            tenantTx.update("""
                    insert into instruments (instrument_id, tenant, name, version, questions) values (?::uuid, ?, ?, ?, ?::jsonb)
                    on conflict (instrument_id) do update set name = excluded.name, questions = excluded.questions""",
                    e.getInstrumentId(), t, e.getName(), e.getVersion(), proto(e.getQuestionsList()));
        } else if (event instanceof CaseSelectedForReview e) {
            tenantTx.update("""
                    insert into review_cases (tenant, review_id, case_id, alias, case_type, deep_review, second_review, version)
                    values (?, ?::uuid, ?::uuid, ?, ?, ?, ?, ?)
                    on conflict (review_id, case_id) do update set alias = excluded.alias, case_type = excluded.case_type,
                        deep_review = excluded.deep_review, second_review = excluded.second_review, version = excluded.version
                    where review_cases.version < excluded.version""",
                    t, e.getReviewId(), e.getCaseId(), e.getAlias(), e.getCaseType(), e.getDeepReview(), e.getSecondReview(),
                    e.getVersion());
        } else if (event instanceof AssessmentSubmitted e) {
            tenantTx.update("""
                    insert into case_assessments (tenant, review_id, case_id, round, alias, reviewer, instrument_id, answers,
                        yearly_cost_kr, submitted_at)
                    values (?, ?::uuid, ?::uuid, ?, ?, ?, ?::uuid, ?::jsonb, ?, ?)
                    on conflict (review_id, case_id, round) do update set answers = excluded.answers,
                        yearly_cost_kr = excluded.yearly_cost_kr, submitted_at = excluded.submitted_at
                    where case_assessments.submitted_at <= excluded.submitted_at""",
                    t, e.getReviewId(), e.getCaseId(), e.getRound(), e.getAlias(), e.getReviewer(), e.getInstrumentId(),
                    map(e.getAnswersMap()), e.getYearlyCostKr(), c.occurredAt());
        } else if (event instanceof AssessmentModerated e) {
            tenantTx.update("""
                    insert into case_moderations (tenant, review_id, case_id, question_id, answer) values (?, ?::uuid, ?::uuid, ?, ?)
                    on conflict (review_id, case_id, question_id) do update set answer = excluded.answer""",
                    t, e.getReviewId(), e.getCaseId(), e.getQuestionId(), e.getAnswer());
        } else if (event instanceof AssessmentValidated e) {
            tenantTx.update("""
                    insert into case_validations (tenant, review_id, case_id, verdict, final_answers, validated_at)
                    values (?, ?::uuid, ?::uuid, ?, ?::jsonb, ?)
                    on conflict (review_id, case_id) do update set verdict = excluded.verdict,
                        final_answers = excluded.final_answers, validated_at = excluded.validated_at
                    where case_validations.validated_at <= excluded.validated_at""",
                    t, e.getReviewId(), e.getCaseId(), e.getVerdict(), map(e.getFinalAnswersMap()), c.occurredAt());
        } else if (event instanceof FindingRecorded e) {
            tenantTx.update("""
                    insert into case_findings (finding_id, tenant, review_id, case_id, alias, category, severity, urgent,
                        budget_relevant, expected_yearly_kr, text)
                    values (?::uuid, ?, ?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (finding_id) do update set category = excluded.category, severity = excluded.severity,
                        urgent = excluded.urgent, budget_relevant = excluded.budget_relevant,
                        expected_yearly_kr = excluded.expected_yearly_kr, text = excluded.text""",
                    e.getFindingId(), t, e.getReviewId(), e.getCaseId(), e.getAlias(), e.getCategory(), e.getSeverity(),
                    e.getUrgent(), e.getBudgetRelevant(), e.getExpectedYearlyKr(), e.getText());
        } else if (event instanceof ScreeningResultChanged e) {
            int applied = tenantTx.update("""
                    insert into case_screenings (case_id, tenant, alias, case_version, results) values (?::uuid, ?, ?, ?, ?::jsonb)
                    on conflict (case_id) do update set alias = excluded.alias, case_version = excluded.case_version,
                        results = excluded.results
                    where case_screenings.case_version <= excluded.case_version""",
                    e.getCaseId(), t, e.getAlias(), e.getCaseVersion(), proto(e.getResultsList()));
            if (applied > 0) {
                java.time.LocalDate month = c.occurredAt().atZone(DanishFormat.ZONE).toLocalDate().withDayOfMonth(1);
                for (RuleResult r : e.getResultsList()) {
                    boolean judged = r.getResult().equals("met") || r.getResult().equals("not_met");
                    tenantTx.update("delete from compliance_months where month = ? and rule = ? and case_id = ?::uuid",
                            month, r.getRule(), e.getCaseId());
                    if (judged) {
                        tenantTx.update("insert into compliance_months (tenant, month, rule, case_id, met) values (?, ?, ?, ?::uuid, ?)",
                                t, month, r.getRule(), e.getCaseId(), r.getResult().equals("met"));
                    }
                }
            }
        } else if (event instanceof ReviewScreeningSummaryChanged e) {
            tenantTx.update("""
                    insert into review_screenings (review_id, tenant, cases, rules, computed_at) values (?::uuid, ?, ?, ?::jsonb, ?::timestamptz)
                    on conflict (review_id) do update set cases = excluded.cases, rules = excluded.rules,
                        computed_at = excluded.computed_at
                    where review_screenings.computed_at < excluded.computed_at""",
                    e.getReviewId(), t, e.getCases(), proto(e.getRulesList()), e.getComputedAt());
            for (var r : e.getRulesList()) {
                tenantTx.update("""
                        insert into legal_rules (tenant, rule, title, paragraph) values (?, ?, ?, ?)
                        on conflict (tenant, rule) do update set title = excluded.title, paragraph = excluded.paragraph""",
                        t, r.getRule(), r.getTitle(), r.getParagraph());
            }
        } else if (event instanceof SecondReviewAssigned e) {
            tenantTx.update("""
                    insert into blind_cases (tenant, review_id, case_id, reviewers, completed) values (?, ?::uuid, ?::uuid, ?, false)
                    on conflict (review_id, case_id) do update set reviewers = excluded.reviewers""",
                    t, e.getReviewId(), e.getCaseId(), tenantTx.array("text", e.getReviewersList()));
        } else if (event instanceof SecondReviewCompleted e) {
            tenantTx.update("""
                    insert into blind_cases (tenant, review_id, case_id, reviewers, completed) values (?, ?::uuid, ?::uuid, '{}', true)
                    on conflict (review_id, case_id) do update set completed = true""",
                    t, e.getReviewId(), e.getCaseId());
        } else if (event instanceof CaseUpdated e) {
            java.time.LocalDate opened = e.getTimelineList().stream().map(TimelineEvent::getDate)
                    .filter(d -> !d.isEmpty()).min(String::compareTo).map(java.time.LocalDate::parse).orElse(null);
            int applied = tenantTx.update("""
                    insert into tenant_cases (case_id, tenant, case_type, caseworker, open, yearly_cost_kr, version, team,
                        opened_on)
                    values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (case_id) do update set case_type = excluded.case_type, caseworker = excluded.caseworker,
                        open = excluded.open, yearly_cost_kr = excluded.yearly_cost_kr, version = excluded.version,
                        team = excluded.team, opened_on = excluded.opened_on
                    where tenant_cases.version < excluded.version""",
                    e.getCaseId(), t, e.getCaseType(), e.getCaseworker(), e.getOpen(), runningCost(e.getTimelineList()),
                    e.getVersion(), e.getTeam(), opened);
            if (applied > 0) {
                measures(t, e);
            }
        } else if (event instanceof MeasureCatalogueChanged e) {
            tenantTx.update("""
                    insert into measure_catalogue (tenant, measure_id, name, legal_basis_bl, legal_basis_sel,
                        price_per_year_kr, version)
                    values (?, ?::uuid, ?, ?, ?, ?, ?)
                    on conflict (measure_id) do update set name = excluded.name, legal_basis_bl = excluded.legal_basis_bl,
                        legal_basis_sel = excluded.legal_basis_sel, price_per_year_kr = excluded.price_per_year_kr,
                        version = excluded.version
                    where measure_catalogue.version < excluded.version""",
                    t, e.getMeasureId(), e.getName(), e.getLegalBasisBarnetsLov(), e.getLegalBasisServiceloven(),
                    e.getPricePerYearKr(), e.getVersion());
        }
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
        tenantTx.update("delete from case_measures where case_id::text = any(?)", (Object) cases);
        tenantTx.update("delete from case_screenings where case_id::text = any(?)", (Object) cases);
        tenantTx.update("delete from tenant_cases where case_id::text = any(?)", (Object) cases);
        tenantTx.update("delete from compliance_months where case_id::text = any(?)", (Object) cases);
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

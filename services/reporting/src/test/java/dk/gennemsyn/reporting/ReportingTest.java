package dk.gennemsyn.reporting;

import dk.gennemsyn.proto.assessment.v1.AnswerOption;
import dk.gennemsyn.proto.assessment.v1.AssessmentModerated;
import dk.gennemsyn.proto.assessment.v1.AssessmentSubmitted;
import dk.gennemsyn.proto.assessment.v1.AssessmentValidated;
import dk.gennemsyn.proto.assessment.v1.FindingRecorded;
import dk.gennemsyn.proto.assessment.v1.InstrumentPublished;
import dk.gennemsyn.proto.assessment.v1.InstrumentQuestion;
import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.RuleResult;
import dk.gennemsyn.proto.assessment.v1.RuleSummary;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.caseintake.v1.ReviewMilestone;
import dk.gennemsyn.testsupport.ApiTest;
import dk.gennemsyn.testsupport.Eventually;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Base for reporting's tests, with a hand-built review whose every figure is known (see {@link Scenario}): sent in as
 * case-intake's and assessment's events.
 */
public abstract class ReportingTest extends ApiTest {

    @Override
    protected String service() {
        return "reporting";
    }

    @Override
    protected String eventPackage() {
        return "gennemsyn.reporting.v1";
    }

    /**
     * Six deep-review cases, Sag 1-6; Sag 6 not assessed. Instrument: "kvalitet" (4 steps), "kompensation", "samtale"
     * (yes/no). Round 1 answers and yearly cost per case:
     * <pre>
     *  Sag 1: 4, overkompensation, ja   400.000     second review: same answers
     *  Sag 2: 2, underkompensation, nej 300.000     second review: kvalitet 3 (moderated to 3), rest same
     *  Sag 3: 3, passende, ja           200.000
     *  Sag 4: 1, overkompensation, nej  500.000
     *  Sag 5: 3, passende, ja           100.000
     * </pre>
     * Validated: Sag 1 agree, Sag 2 disagree. Findings: Sag 2 critical urgent; Sag 4 major budget-relevant 250.000;
     * Sag 1 minor budget-relevant 50.000. Screening summary: bfu 3 met / 1 not met / 2 not applicable; 24-timer 4 met.
     */
    public record Scenario(String review, String instrument, List<String> cases) {
    }

    protected Scenario givenScenario(String tenant, int copies) {
        String review = UUID.randomUUID().toString();
        String instrument = UUID.randomUUID().toString();
        send(tenant, instrument, InstrumentPublished.newBuilder().setInstrumentId(instrument).setName("Halsnæs-parametrene")
                .setVersion(1)
                .addQuestions(q("kvalitet", "ordinal", "Faglig kvalitet", "1", "1 – Utilstrækkelig", "2", "2 – Mangelfuld",
                        "3", "3 – Tilfredsstillende", "4", "4 – God"))
                .addQuestions(q("kompensation", "compensation", "Kompensation", "overkompensation", "Overkompensation",
                        "passende", "Passende", "underkompensation", "Underkompensation"))
                .addQuestions(q("samtale", "yes_no", "Børnesamtale", "ja", "Ja", "nej", "Nej", "ikke_relevant", "Ikke relevant"))
                .build(), copies);
        send(tenant, review, ReviewCreated.newBuilder().setReview(Review.newBuilder().setReviewId(review)
                .setTitle("Sagsgennemgang 2018").setState("reviewing").setInstrumentId(instrument).setVersion(1)
                .addMilestones(ReviewMilestone.newBuilder().setMilestoneId("m").setKind("budget_warning").setDate("2018-09-10")))
                .build(), copies);
        List<String> cases = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String c = UUID.randomUUID().toString();
            cases.add(c);
            // An older version arriving after the newer one must not undo it.
            send(tenant, c, selected(review, c, i, 2), copies);
            send(tenant, c, selected(review, c, i, 1).toBuilder().setDeepReview(false).build(), 1);
        }
        String[][] answers = {{"4", "overkompensation", "ja"}, {"2", "underkompensation", "nej"}, {"3", "passende", "ja"},
                {"1", "overkompensation", "nej"}, {"3", "passende", "ja"}};
        long[] cost = {400_000, 300_000, 200_000, 500_000, 100_000};
        for (int i = 0; i < 5; i++) {
            send(tenant, cases.get(i), submitted(review, cases.get(i), "Sag " + (i + 1), 1, instrument, answers[i], cost[i]), copies);
        }
        send(tenant, cases.get(0), submitted(review, cases.get(0), "Sag 1", 2, instrument, answers[0], cost[0]), copies);
        send(tenant, cases.get(1), submitted(review, cases.get(1), "Sag 2", 2, instrument,
                new String[]{"3", "underkompensation", "nej"}, cost[1]), copies);
        send(tenant, cases.get(1), AssessmentModerated.newBuilder().setReviewId(review).setCaseId(cases.get(1)).setAlias("Sag 2")
                .setQuestionId("kvalitet").setAnswer("3").setModerator("mod").build(), copies);
        send(tenant, cases.get(0), AssessmentValidated.newBuilder().setReviewId(review).setCaseId(cases.get(0)).setAlias("Sag 1")
                .setVerdict("agree").setValidator("v").putAllFinalAnswers(Map.of("kvalitet", "4", "kompensation",
                        "overkompensation", "samtale", "ja")).build(), copies);
        send(tenant, cases.get(1), AssessmentValidated.newBuilder().setReviewId(review).setCaseId(cases.get(1)).setAlias("Sag 2")
                .setVerdict("disagree").setValidator("v").putAllFinalAnswers(Map.of("kvalitet", "3", "kompensation",
                        "underkompensation", "samtale", "nej")).build(), copies);
        send(tenant, cases.get(1), finding(review, cases.get(1), "Sag 2", "Sikkerhed", "critical", true, false, 0), copies);
        send(tenant, cases.get(3), finding(review, cases.get(3), "Sag 4", "Foranstaltning for dyr", "major", false, true,
                250_000), copies);
        send(tenant, cases.get(0), finding(review, cases.get(0), "Sag 1", "Kan trappes ned", "minor", false, true, 50_000), copies);
        for (int i = 0; i < 6; i++) {
            send(tenant, cases.get(i), ScreeningResultChanged.newBuilder().setCaseId(cases.get(i)).setAlias("Sag " + (i + 1))
                    .setCaseVersion(1).addResults(RuleResult.newBuilder().setRule("bfu_4_maaneder")
                            .setResult(i < 3 ? "met" : i == 3 ? "not_met" : "not_applicable"))
                    .addResults(RuleResult.newBuilder().setRule("underretning_24_timer").setResult(i < 4 ? "met" : "unknown"))
                    .build(), copies);
        }
        send(tenant, review, ReviewScreeningSummaryChanged.newBuilder().setReviewId(review).setCases(6)
                .addRules(RuleSummary.newBuilder().setRule("bfu_4_maaneder").setTitle("Børnefaglig undersøgelse inden for 4 måneder")
                        .setMet(3).setNotMet(1).setNotApplicable(2))
                .addRules(RuleSummary.newBuilder().setRule("underretning_24_timer").setTitle("Underretning vurderet inden for 24 timer")
                        .setMet(4).setUnknown(2))
                .setComputedAt("2018-08-01T10:00:00Z").build(), copies);
        // An older summary arriving late changes nothing.
        send(tenant, review, ReviewScreeningSummaryChanged.newBuilder().setReviewId(review).setCases(1)
                .addRules(RuleSummary.newBuilder().setRule("bfu_4_maaneder").setMet(1)).setComputedAt("2018-07-01T10:00:00Z")
                .build(), 1);
        Eventually.await(Duration.ofSeconds(15), "the scenario applied", () ->
                count("select count(*) from case_findings where review_id = '" + review + "'") == 3
                        && count("select count(*) from case_validations where review_id = '" + review + "'") == 2
                        && count("select count(*) from case_assessments where review_id = '" + review + "'") == 7
                        && count("select count(*) from case_moderations where review_id = '" + review + "'") == 1
                        && count("select count(*) from review_screenings where review_id = '" + review + "'") == 1
                        && count("select count(*) from case_screenings where case_id::text in ('" + String.join("','", cases) + "')") == 6
                        && count("select count(*) from review_cases where review_id = '" + review + "' and deep_review") == 6
                        && count("select count(*) from inbox where event_type like '%ReviewScreeningSummaryChanged'") >= 2
                        && count("select count(*) from inbox where event_type like '%CaseSelectedForReview'") >= 12);
        return new Scenario(review, instrument, cases);
    }

    protected static InstrumentQuestion q(String id, String type, String text, String... options) {
        InstrumentQuestion.Builder b = InstrumentQuestion.newBuilder().setQuestionId(id).setType(type).setText(text)
                .setSection("Afsnit");
        for (int i = 0; i < options.length; i += 2) {
            b.addOptions(AnswerOption.newBuilder().setCode(options[i]).setLabel(options[i + 1]));
        }
        return b.build();
    }

    protected static CaseSelectedForReview selected(String review, String c, int i, long version) {
        return CaseSelectedForReview.newBuilder().setReviewId(review).setCaseId(c).setAlias("Sag " + i)
                .setCaseType(i % 2 == 0 ? "anbringelse" : "forebyggende").setSelection("random").setScreening(true)
                .setDeepReview(true).setSecondReview(i <= 2).setVersion(version).build();
    }

    protected static AssessmentSubmitted submitted(String review, String c, String alias, int round, String instrument, String[] a,
                                                   long cost) {
        return AssessmentSubmitted.newBuilder().setAssignmentId(UUID.randomUUID().toString()).setReviewId(review).setCaseId(c)
                .setAlias(alias).setReviewer("r" + round).setRound(round).setInstrumentId(instrument)
                .putAllAnswers(Map.of("kvalitet", a[0], "kompensation", a[1], "samtale", a[2])).setYearlyCostKr(cost).build();
    }

    protected static FindingRecorded finding(String review, String c, String alias, String category, String severity,
                                             boolean urgent, boolean budget, long kr) {
        return FindingRecorded.newBuilder().setFindingId(UUID.randomUUID().toString()).setReviewId(review).setCaseId(c)
                .setAlias(alias).setCategory(category).setSeverity(severity).setUrgent(urgent).setBudgetRelevant(budget)
                .setExpectedYearlyKr(kr).setText("Fundet i " + alias + ": " + category).build();
    }
}

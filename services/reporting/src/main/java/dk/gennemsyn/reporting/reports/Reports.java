package dk.gennemsyn.reporting.reports;

import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.stats.Agreement;
import dk.gennemsyn.reporting.model.BlindCases;
import dk.gennemsyn.reporting.model.CaseAssessmentRows;
import dk.gennemsyn.reporting.model.CaseFindingRow;
import dk.gennemsyn.reporting.model.CaseFindingRows;
import dk.gennemsyn.reporting.model.CaseModerationRows;
import dk.gennemsyn.reporting.model.CaseScreeningRows;
import dk.gennemsyn.reporting.model.CaseValidationRows;
import dk.gennemsyn.reporting.model.InstrumentRows;
import dk.gennemsyn.reporting.model.ReviewCaseRows;
import dk.gennemsyn.reporting.recommendations.RecommendationProjection;
import dk.gennemsyn.reporting.reviews.ReviewRow;
import dk.gennemsyn.reporting.reviews.ReviewRows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reports of a review, answered only from reporting's read models (their repositories): the per-case overview
 * (each reviewed case with its final answer on every parameter, findings, screening, agreement and validation), and
 * what the other reports build on (the review, its questions, its case rows, the cases blind for the caller); the
 * summary is in {@link Summaries}, the budget early warning in {@link EarlyWarnings}. Every read of case-level rows is in
 * the access log.
 */
@Singleton
public class Reports {

    public static final List<String> STAFF = List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.STYREGRUPPE,
            Roles.VALIDATOR, Roles.TENANT_ADMIN);

    @Serdeable
    public record Option(String code, String label) {
    }

    @Serdeable
    public record Question(String question_id, String section, String text, String type, List<Option> options) {
        public String label(@Nullable String code) {
            if (code == null || code.isEmpty()) {
                return "";
            }
            return options.stream().filter(o -> o.code().equals(code)).map(Option::label).findFirst().orElse(code);
        }

        public boolean closed() {
            return !options.isEmpty();
        }
    }

    @Serdeable
    public record ReviewRef(UUID id, String title, String state, String instrumentId, @Nullable LocalDate budgetWarningOn) {
    }

    @Serdeable
    public record CaseRow(UUID caseId, String alias, String caseType, boolean assessed, Map<String, String> codes,
                          Map<String, String> labels, int findings, String maxSeverity, boolean urgent, int rulesMet,
                          int rulesNotMet, int rulesUnknown, @Nullable Integer disagreements, String validation,
                          long yearlyCostKr, boolean blind, List<String> recommendations) {
    }

    @Serdeable
    public record Overview(ReviewRef review, List<Question> questions, List<CaseRow> rows, int page, int size, long total) {
    }

    @Serdeable
    public record AnswerCount(String code, String label, int count, double share) {
    }

    @Serdeable
    public record QuestionSummary(Question question, int answered, List<AnswerCount> answers) {
    }

    @Serdeable
    public record RuleRate(String rule, String title, int met, int notMet, int notApplicable, int unknown,
                           @Nullable Double rate) {
    }

    @Serdeable
    public record AgreementLine(String questionId, String text, Agreement.Result result) {
    }

    @Serdeable
    public record CostLine(String code, String label, int cases, long yearlyCostKr) {
    }

    @Serdeable
    public record Summary(ReviewRef review, int cases, int assessed, List<QuestionSummary> questions, List<RuleRate> rules,
                          List<AgreementLine> agreement, List<CostLine> compensation, Map<String, Integer> severities) {
    }

    /** {@code text}: what was found, only for those who read the cases (null for the steering group). */
    @Serdeable
    public record WarningLine(String alias, String category, String severity, String severityLabel,
                              long expectedYearlyKr, @Nullable String text) {
    }

    /** {@code daysLeft}: days until the budget early-warning date (negative when it has passed). */
    @Serdeable
    public record EarlyWarning(ReviewRef review, List<WarningLine> findings, long totalKr, @Nullable Long daysLeft) {
    }

    public static final Map<String, String> SEVERITIES = ordered("critical", "Kritisk", "major", "Væsentlig", "minor",
            "Mindre", "info", "Info");
    static final Map<String, String> VALIDATION = Map.of("agree", "Enig", "disagree", "Uenig", "", "Ikke valideret");

    private final TenantTx tenantTx;
    private final AccessLog accessLog;
    private final JsonMapper json;
    private final RecommendationProjection recommendationProjection;
    private final ReviewRows reviews;
    private final InstrumentRows instruments;
    private final ReviewCaseRows reviewCases;
    private final CaseAssessmentRows assessments;
    private final CaseModerationRows moderations;
    private final CaseValidationRows validations;
    private final CaseFindingRows findings;
    private final CaseScreeningRows screenings;
    private final BlindCases blindCases;

    Reports(TenantTx tenantTx, AccessLog accessLog, JsonMapper json, RecommendationProjection recommendationProjection,
            ReviewRows reviews, InstrumentRows instruments, ReviewCaseRows reviewCases, CaseAssessmentRows assessments,
            CaseModerationRows moderations, CaseValidationRows validations, CaseFindingRows findings,
            CaseScreeningRows screenings, BlindCases blindCases) {
        this.tenantTx = tenantTx;
        this.accessLog = accessLog;
        this.json = json;
        this.recommendationProjection = recommendationProjection;
        this.reviews = reviews;
        this.instruments = instruments;
        this.reviewCases = reviewCases;
        this.assessments = assessments;
        this.moderations = moderations;
        this.validations = validations;
        this.findings = findings;
        this.screenings = screenings;
        this.blindCases = blindCases;
    }

    /** Who sees a review's case-by-case rows; the steering group sees the figures, never the single cases. */
    public static final List<String> CASE_READERS = List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR,
            Roles.TENANT_ADMIN);

    public static boolean readsCases(Caller caller) {
        return caller.hasAnyRole(CASE_READERS);
    }

    public static void requireStaff(Caller caller) {
        if (!caller.hasAnyRole(STAFF)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Rapporterne er for kommunens medarbejdere.", null);
        }
    }

    public List<ReviewRef> reviews(Caller caller) {
        requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> reviews.findAllOrderByTitle().stream().map(Reports::ref).toList());
    }

    /** Filters of the per-case overview; null means any. */
    public record Filter(@Nullable String caseType, @Nullable String question, @Nullable String answer,
                         @Nullable String validation, @Nullable String severity) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    /** The per-case overview, filtered, sorted ("alias", "caseType", "findings", "validation" or a question id) and paged. */
    public Overview overview(Caller caller, UUID review, Filter filter, String sort, boolean descending, int page, int size,
                             String purpose) {
        if (!readsCases(caller)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Sagsoversigten viser de enkelte sager. "
                    + "Styregruppen ser sammenfatningen, budgetvarslingen og nøgletallene.", null);
        }
        return tenantTx.write(caller.tenant(), () -> {
            ReviewRef r = review(review);
            List<Question> questions = questions(r);
            long total;
            Set<UUID> blind = blindFor(caller, review);
            List<CaseRow> pageRows;
            if (size > 0 && Filter.NONE.equals(filter) && "alias".equals(sort)) {
                // The order needs only the aliases: PostgreSQL cuts the page, and only its rows are built. Building
                // every row of the review on every request was about half of reporting's CPU under load.
                List<ReviewCaseRows.Listed> listed = descending
                        ? reviewCases.pageByAliasDescending(review, size, (long) page * size)
                        : reviewCases.pageByAlias(review, size, (long) page * size);
                pageRows = rows(review, questions, blind, listed.stream()
                        .map(c -> new Base(c.caseId(), c.alias(), c.caseType())).toList());
                total = listed.isEmpty() ? reviewCases.countReviewed(review) : listed.get(0).total();
            } else {
                List<CaseRow> rows = new ArrayList<>(rows(review, questions, blind, cases(review)).stream()
                        .filter(row -> keep(row, filter)).toList());
                rows.sort(order(sort, questions));
                if (descending) {
                    java.util.Collections.reverse(rows);
                }
                pageRows = size <= 0 ? rows : rows.stream().skip((long) page * size).limit(size).toList();
                total = rows.size();
            }
            accessLog.recordAll(caller, pageRows.stream().map(row -> row.caseId().toString()).toList(),
                    AccessLog.Action.READ, purpose);
            return new Overview(r, questions, pageRows, page, size, total);
        });
    }

    /**
     * Inside a tenant transaction: the review's cases whose content the caller may not see: they review the case and
     * its second review is still blind.
     */
    public Set<UUID> blindFor(Caller caller, UUID review) {
        return new HashSet<>(blindCases.blindFor(review, caller.userId()));
    }

    /** A case of the overview before its content: enough to order the cases by alias. */
    record Base(UUID id, String alias, String type) {
    }

    /** Inside a tenant transaction: every case of the review's deep-review selection, and any case assessed. */
    List<Base> cases(UUID review) {
        return reviewCases.reviewed(review).stream().map(c -> new Base(c.caseId(), c.alias(), c.caseType())).toList();
    }

    /** Inside a tenant transaction: the rows of all the review's {@link #cases}. */
    List<CaseRow> rows(UUID review, List<Question> questions, Set<UUID> blind) {
        return rows(review, questions, blind, cases(review));
    }

    /**
     * Inside a tenant transaction: the rows of the given cases, in their order, each read for these cases only. A case
     * in {@code blind} is listed without any of its assessment content (answers, findings, agreement, validation).
     */
    List<CaseRow> rows(UUID review, List<Question> questions, Set<UUID> blind, List<Base> cases) {
        if (cases.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = cases.stream().map(Base::id).toList();
        Map<UUID, Map<Integer, Map<String, String>>> answers = new LinkedHashMap<>();
        Map<UUID, Long> cost = new LinkedHashMap<>();
        for (CaseAssessmentRows.Answers a : assessments.answersOf(review, ids)) {
            answers.computeIfAbsent(a.caseId(), k -> new LinkedHashMap<>()).put(a.round(), castMap(readMap(a.answers())));
            if (a.round() == 1) {
                cost.put(a.caseId(), a.yearlyCostKr());
            }
        }
        Map<UUID, Map<String, String>> moderated = new LinkedHashMap<>();
        moderations.ofCases(review, ids).forEach(m -> moderated.computeIfAbsent(m.caseId(), k -> new LinkedHashMap<>())
                .put(m.questionId(), m.answer()));
        Map<UUID, CaseValidationRows.Validation> validated = new LinkedHashMap<>();
        validations.ofCases(review, ids).forEach(v -> validated.put(v.caseId(), v));
        Map<UUID, int[]> found = new LinkedHashMap<>();
        Map<UUID, String> worst = new LinkedHashMap<>();
        Map<UUID, Boolean> urgent = new LinkedHashMap<>();
        List<String> order = List.copyOf(SEVERITIES.keySet());
        for (CaseFindingRow f : findings.ofCases(review, ids)) {
            found.computeIfAbsent(f.caseId(), k -> new int[1])[0]++;
            worst.merge(f.caseId(), f.severity(), (a, b) -> order.indexOf(a) <= order.indexOf(b) ? a : b);
            urgent.merge(f.caseId(), f.urgent(), Boolean::logicalOr);
        }
        Map<UUID, int[]> screening = new LinkedHashMap<>();
        screenings.countsOf(ids).forEach(c -> screening.put(c.caseId(), new int[]{c.met(), c.notMet(), c.unknown()}));
        Map<UUID, List<String>> recommendations = recommendationProjection.perCase(review, ids);
        List<CaseRow> rows = new ArrayList<>();
        for (Base b : cases) {
            int[] s = screening.getOrDefault(b.id(), new int[3]);
            if (blind.contains(b.id())) {
                Map<String, String> none = new LinkedHashMap<>();
                questions.forEach(q -> none.put(q.question_id(), ""));
                rows.add(new CaseRow(b.id(), b.alias(), b.type(), false, Map.of(), none, 0, "", false, s[0], s[1], s[2],
                        null, VALIDATION.get(""), 0L, true, List.of()));
                continue;
            }
            Map<Integer, Map<String, String>> rounds = answers.getOrDefault(b.id(), Map.of());
            Map<String, String> codes = new LinkedHashMap<>(rounds.getOrDefault(1, Map.of()));
            codes.putAll(moderated.getOrDefault(b.id(), Map.of()));
            CaseValidationRows.Validation v = validated.get(b.id());
            if (v != null) {
                codes.putAll(castMap(readMap(v.finalAnswers())));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (Question q : questions) {
                labels.put(q.question_id(), q.label(codes.get(q.question_id())));
            }
            Integer disagreements = null;
            if (rounds.containsKey(1) && rounds.containsKey(2)) {
                int d = 0;
                for (Question q : questions.stream().filter(Question::closed).toList()) {
                    if (!Objects.equals(rounds.get(1).get(q.question_id()), rounds.get(2).get(q.question_id()))) {
                        d++;
                    }
                }
                disagreements = d;
            }
            rows.add(new CaseRow(b.id(), b.alias(), b.type(), rounds.containsKey(1), codes, labels,
                    found.getOrDefault(b.id(), new int[1])[0], worst.getOrDefault(b.id(), ""),
                    urgent.getOrDefault(b.id(), false), s[0], s[1], s[2], disagreements,
                    VALIDATION.get(v == null ? "" : v.verdict()), cost.getOrDefault(b.id(), 0L), false,
                    recommendations.getOrDefault(b.id(), List.of())));
        }
        return rows;
    }

    private static boolean keep(CaseRow r, Filter f) {
        return (f.caseType() == null || f.caseType().equals(r.caseType()))
                && (f.question() == null || f.answer() == null || f.answer().equals(r.codes().get(f.question())))
                && (f.validation() == null || f.validation().equals(r.validation()))
                && (f.severity() == null || f.severity().equals(r.maxSeverity()));
    }

    private static final Pattern NUMBER = Pattern.compile("(\\d+)");

    /** "Sag 9" before "Sag 10": aliases sort by their number. */
    static Comparator<CaseRow> order(String sort, List<Question> questions) {
        Comparator<CaseRow> byAlias = Comparator.comparingLong((CaseRow r) -> {
            Matcher m = NUMBER.matcher(r.alias());
            return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
        }).thenComparing(CaseRow::alias);
        Comparator<CaseRow> key = switch (sort == null ? "alias" : sort) {
            case "caseType" -> Comparator.comparing(CaseRow::caseType);
            case "findings" -> Comparator.comparingInt(CaseRow::findings);
            case "validation" -> Comparator.comparing(CaseRow::validation);
            case "rulesNotMet" -> Comparator.comparingInt(CaseRow::rulesNotMet);
            default -> questions.stream().anyMatch(q -> q.question_id().equals(sort))
                    ? Comparator.comparing((CaseRow r) -> r.codes().getOrDefault(sort, ""))
                    : byAlias;
        };
        return key.thenComparing(byAlias);
    }

    /** Inside a tenant transaction. */
    ReviewRef review(UUID id) {
        return reviews.findById(id).map(Reports::ref)
                .orElseThrow(() -> ProblemException.notFound("Gennemgangen findes ikke."));
    }

    private static ReviewRef ref(ReviewRow r) {
        return new ReviewRef(r.reviewId(), r.title(), r.state(), r.instrumentId(), r.budgetWarningOn());
    }

    /** Inside a tenant transaction: the review's instrument's questions (the answered ones if it is not known). */
    List<Question> questions(ReviewRef r) {
        String instrument = r.instrumentId();
        if (instrument.isEmpty()) {
            instrument = assessments.someInstrument(r.id()).orElse("");
        }
        if (!instrument.isEmpty()) {
            List<Question> qs = instruments.questions(instrument).map(this::parseQuestions).orElse(List.of());
            if (!qs.isEmpty()) {
                return qs;
            }
        }
        return assessments.answeredQuestions(r.id()).stream()
                .map(id -> new Question(id, "", id, "text", List.of())).toList();
    }

    private List<Question> parseQuestions(String text) {
        try {
            return List.of(json.readValue(text, Question[].class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> readMap(String text) {
        try {
            return json.readValue(text, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Map<String, Object>> readList(String text) {
        try {
            return json.readValue(text, io.micronaut.core.type.Argument.listOf(
                    io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> castMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<String, Object>) o).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    static int num(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    public static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}

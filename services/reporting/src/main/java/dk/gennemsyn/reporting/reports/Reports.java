package dk.gennemsyn.reporting.reports;

import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.stats.Agreement;
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
 * The reports of a review, answered only from reporting's read models: the per-case overview (each reviewed case with
 * its final answer on every parameter, findings, screening, agreement and validation), the summary (answer counts and
 * shares, compliance per legal rule, agreement, cost of over- and under-compensation, findings by severity) and the
 * budget early warning. Every read of case-level rows is in the access log.
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
    private final java.time.Clock clock;

    private final dk.gennemsyn.reporting.recommendations.RecommendationProjection recommendationProjection;

    Reports(TenantTx tenantTx, AccessLog accessLog, JsonMapper json, java.time.Clock clock,
            dk.gennemsyn.reporting.recommendations.RecommendationProjection recommendationProjection) {
        this.recommendationProjection = recommendationProjection;
        this.tenantTx = tenantTx;
        this.accessLog = accessLog;
        this.json = json;
        this.clock = clock;
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
        return tenantTx.read(caller.tenant(), () -> tenantTx.query(
                "select review_id, title, state, instrument_id, budget_warning_on from reviews order by title",
                rs -> new ReviewRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class))));
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
            List<CaseRow> rows = new ArrayList<>(rows(review, questions, blindFor(caller, review)).stream()
                    .filter(row -> keep(row, filter)).toList());
            rows.sort(order(sort, questions));
            if (descending) {
                java.util.Collections.reverse(rows);
            }
            List<CaseRow> pageRows = size <= 0 ? rows : rows.stream().skip((long) page * size).limit(size).toList();
            accessLog.recordAll(caller, pageRows.stream().map(row -> row.caseId().toString()).toList(),
                    AccessLog.Action.READ, purpose);
            return new Overview(r, questions, pageRows, page, size, rows.size());
        });
    }

    public Summary summary(Caller caller, UUID review) {
        requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> summary(review(review), blindFor(caller, review)));
    }

    public EarlyWarning earlyWarning(Caller caller, UUID review) {
        requireStaff(caller);
        // A write: showing the findings' texts is a read of those cases, and it is logged.
        return tenantTx.write(caller.tenant(), () -> {
            ReviewRef r = review(review);
            boolean text = readsCases(caller);
            List<WarningLine> lines = tenantTx.query("select alias, category, severity, expected_yearly_kr, text"
                    + " from case_findings f where review_id = ? and budget_relevant and not " + BLIND
                    + " order by expected_yearly_kr desc, alias",
                    rs -> new WarningLine(rs.getString(1), rs.getString(2), rs.getString(3),
                            SEVERITIES.getOrDefault(rs.getString(3), rs.getString(3)), rs.getLong(4),
                            text ? rs.getString(5) : null), review, caller.userId());
            Long daysLeft = r.budgetWarningOn() == null ? null : java.time.temporal.ChronoUnit.DAYS.between(
                    LocalDate.now(clock.withZone(dk.gennemsyn.platform.web.DanishFormat.ZONE)), r.budgetWarningOn());
            if (text && !lines.isEmpty()) {
                accessLog.recordAll(caller, tenantTx.query("select distinct case_id::text from case_findings f where "
                        + "review_id = ? and budget_relevant and not " + BLIND, rs -> rs.getString(1), review,
                        caller.userId()), AccessLog.Action.READ, "budgetvarsling");
            }
            return new EarlyWarning(r, lines, lines.stream().mapToLong(WarningLine::expectedYearlyKr).sum(), daysLeft);
        });
    }

    /**
     * A case row {@code f} whose content the caller may not see: they review the case and its second review is still
     * blind. Binds the caller's user id.
     */
    static final String BLIND = """
            exists (select 1 from blind_cases b where b.review_id = f.review_id and b.case_id = f.case_id
                    and not b.completed and ? = any(b.reviewers))""";

    /** Inside a tenant transaction: the review's cases blind for the caller (see {@link #BLIND}). */
    public Set<UUID> blindFor(Caller caller, UUID review) {
        return new HashSet<>(tenantTx.query(
                "select case_id from blind_cases where review_id = ? and not completed and ? = any(reviewers)",
                rs -> rs.getObject(1, UUID.class), review, caller.userId()));
    }

    /** Inside a tenant transaction; {@code blind}: cases whose content is left out (see {@link #BLIND}). */
    public Summary summary(ReviewRef r, Set<UUID> blind) {
        List<Question> questions = questions(r);
        List<CaseRow> rows = rows(r.id(), questions, blind);
        List<CaseRow> assessed = rows.stream().filter(CaseRow::assessed).toList();
        List<QuestionSummary> qs = new ArrayList<>();
        for (Question q : questions.stream().filter(Question::closed).toList()) {
            int answered = (int) assessed.stream().filter(c -> c.codes().containsKey(q.question_id())).count();
            List<AnswerCount> counts = new ArrayList<>();
            for (Option o : q.options()) {
                int n = (int) assessed.stream().filter(c -> o.code().equals(c.codes().get(q.question_id()))).count();
                counts.add(new AnswerCount(o.code(), o.label(), n, answered == 0 ? 0 : (double) n / answered));
            }
            qs.add(new QuestionSummary(q, answered, counts));
        }
        List<CostLine> compensation = new ArrayList<>();
        questions.stream().filter(q -> q.type().equals("compensation")).findFirst().ifPresent(q -> {
            for (Option o : q.options()) {
                List<CaseRow> with = assessed.stream().filter(c -> o.code().equals(c.codes().get(q.question_id()))).toList();
                compensation.add(new CostLine(o.code(), o.label(), with.size(), with.stream().mapToLong(CaseRow::yearlyCostKr).sum()));
            }
        });
        Map<String, Integer> severities = new LinkedHashMap<>();
        SEVERITIES.keySet().forEach(s -> severities.put(s, 0));
        tenantTx.query("select case_id, severity from case_findings where review_id = ?",
                rs -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2)}, r.id()).stream()
                .filter(x -> !blind.contains((UUID) x[0])).forEach(x -> severities.merge((String) x[1], 1, Integer::sum));
        return new Summary(r, rows.size(), assessed.size(), qs, rules(r.id()), agreement(r.id(), questions, blind),
                compensation, severities);
    }

    /** Per legal rule, as the Børnesagsbarometer reports it: the share of judged cases that met it. */
    private List<RuleRate> rules(UUID review) {
        List<Map<String, Object>> rules = tenantTx.query("select rules::text from review_screenings where review_id = ?",
                rs -> readList(rs.getString(1)), review).stream().findFirst().orElse(List.of());
        List<RuleRate> out = new ArrayList<>();
        for (Map<String, Object> m : rules) {
            int met = num(m.get("met"));
            int notMet = num(m.get("not_met"));
            String title = String.valueOf(m.getOrDefault("title", ""));
            out.add(new RuleRate((String) m.get("rule"), title.isEmpty() ? (String) m.get("rule") : title, met, notMet,
                    num(m.get("not_applicable")), num(m.get("unknown")),
                    met + notMet == 0 ? null : (double) met / (met + notMet)));
        }
        return out;
    }

    /** Round 1 against the blind round 2, per closed question: percent agreement and Cohen's kappa. */
    private List<AgreementLine> agreement(UUID review, List<Question> questions, Set<UUID> blind) {
        Map<UUID, Map<Integer, Map<String, String>>> byCase = new LinkedHashMap<>();
        tenantTx.query("select case_id, round, answers::text from case_assessments where review_id = ?",
                rs -> new Object[]{rs.getObject(1, UUID.class), rs.getInt(2), readMap(rs.getString(3))}, review)
                .stream().filter(x -> !blind.contains((UUID) x[0])).forEach(x -> byCase.computeIfAbsent((UUID) x[0], k -> new LinkedHashMap<>())
                        .put((Integer) x[1], castMap(x[2])));
        List<AgreementLine> out = new ArrayList<>();
        for (Question q : questions.stream().filter(Question::closed).toList()) {
            List<Agreement.Pair> pairs = new ArrayList<>();
            for (var rounds : byCase.values()) {
                String a = rounds.getOrDefault(1, Map.of()).get(q.question_id());
                String b = rounds.getOrDefault(2, Map.of()).get(q.question_id());
                if (a != null && b != null) {
                    pairs.add(new Agreement.Pair(a, b));
                }
            }
            if (!pairs.isEmpty()) {
                out.add(new AgreementLine(q.question_id(), q.text(), q.type().equals("ordinal")
                        ? Agreement.ordinal(pairs, q.options().size()) : Agreement.nominal(pairs)));
            }
        }
        return out;
    }

    /**
     * Inside a tenant transaction: every case of the review's deep-review selection, and any case assessed. A case in
     * {@code blind} is listed without any of its assessment content (answers, findings, agreement, validation).
     */
    List<CaseRow> rows(UUID review, List<Question> questions, Set<UUID> blind) {
        record Base(UUID id, String alias, String type) {
        }
        Map<UUID, Base> cases = new LinkedHashMap<>();
        tenantTx.query("select case_id, alias, case_type from review_cases where review_id = ? and deep_review",
                rs -> new Base(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)), review)
                .forEach(b -> cases.put(b.id(), b));
        Map<UUID, Map<Integer, Map<String, String>>> answers = new LinkedHashMap<>();
        Map<UUID, Long> cost = new LinkedHashMap<>();
        tenantTx.query("select case_id, round, answers::text, alias, yearly_cost_kr from case_assessments where review_id = ?",
                rs -> new Object[]{rs.getObject(1, UUID.class), rs.getInt(2), readMap(rs.getString(3)), rs.getString(4),
                        rs.getLong(5)}, review).forEach(x -> {
            UUID id = (UUID) x[0];
            answers.computeIfAbsent(id, k -> new LinkedHashMap<>()).put((Integer) x[1], castMap(x[2]));
            cases.putIfAbsent(id, new Base(id, (String) x[3], ""));
            if ((Integer) x[1] == 1) {
                cost.put(id, (Long) x[4]);
            }
        });
        Map<UUID, Map<String, String>> moderated = new LinkedHashMap<>();
        tenantTx.query("select case_id, question_id, answer from case_moderations where review_id = ?",
                rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}, review)
                .forEach(x -> moderated.computeIfAbsent(UUID.fromString(x[0]), k -> new LinkedHashMap<>()).put(x[1], x[2]));
        Map<UUID, Object[]> validations = new LinkedHashMap<>();
        tenantTx.query("select case_id, verdict, final_answers::text from case_validations where review_id = ?",
                rs -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2), readMap(rs.getString(3))}, review)
                .forEach(x -> validations.put((UUID) x[0], x));
        Map<UUID, int[]> findings = new LinkedHashMap<>();
        Map<UUID, String> worst = new LinkedHashMap<>();
        Map<UUID, Boolean> urgent = new LinkedHashMap<>();
        List<String> order = List.copyOf(SEVERITIES.keySet());
        tenantTx.query("select case_id, severity, urgent from case_findings where review_id = ?",
                rs -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)}, review).forEach(x -> {
            UUID id = (UUID) x[0];
            findings.computeIfAbsent(id, k -> new int[1])[0]++;
            worst.merge(id, (String) x[1], (a, b) -> order.indexOf(a) <= order.indexOf(b) ? a : b);
            urgent.merge(id, (Boolean) x[2], Boolean::logicalOr);
        });
        // Counted by PostgreSQL from the jsonb: parsing every rule result of every case in Java cost more than the rest.
        Map<UUID, int[]> screening = new LinkedHashMap<>();
        tenantTx.query("""
                select s.case_id, count(*) filter (where e->>'result' = 'met'),
                       count(*) filter (where e->>'result' = 'not_met'), count(*) filter (where e->>'result' = 'unknown')
                from case_screenings s join review_cases c on c.case_id = s.case_id
                     cross join lateral jsonb_array_elements(s.results) e
                where c.review_id = ? group by s.case_id""", rs -> screening.put(rs.getObject(1, UUID.class),
                new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4)}), review);
        Map<UUID, List<String>> recommendations = recommendationProjection.perCase(review);
        List<CaseRow> rows = new ArrayList<>();
        for (Base b : cases.values()) {
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
            Object[] v = validations.get(b.id());
            if (v != null) {
                codes.putAll(castMap(v[2]));
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
                    findings.getOrDefault(b.id(), new int[1])[0], worst.getOrDefault(b.id(), ""),
                    urgent.getOrDefault(b.id(), false), s[0], s[1], s[2], disagreements,
                    VALIDATION.get(v == null ? "" : (String) v[1]), cost.getOrDefault(b.id(), 0L), false,
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
        return tenantTx.query("select review_id, title, state, instrument_id, budget_warning_on from reviews where review_id = ?",
                        rs -> new ReviewRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, LocalDate.class)), id)
                .stream().findFirst().orElseThrow(() -> ProblemException.notFound("Gennemgangen findes ikke."));
    }

    /** Inside a tenant transaction: the review's instrument's questions (the answered ones if it is not known). */
    List<Question> questions(ReviewRef r) {
        String instrument = r.instrumentId();
        if (instrument.isEmpty()) {
            instrument = tenantTx.query("select instrument_id::text from case_assessments where review_id = ? limit 1",
                    rs -> rs.getString(1), r.id()).stream().findFirst().orElse("");
        }
        if (!instrument.isEmpty()) {
            List<Question> qs = tenantTx.query("select questions::text from instruments where instrument_id = ?::uuid",
                    rs -> parseQuestions(rs.getString(1)), instrument).stream().findFirst().orElse(List.of());
            if (!qs.isEmpty()) {
                return qs;
            }
        }
        return tenantTx.query("""
                select distinct jsonb_object_keys(answers) from case_assessments where review_id = ? order by 1""",
                rs -> new Question(rs.getString(1), "", rs.getString(1), "text", List.of()), r.id());
    }

    private List<Question> parseQuestions(String text) {
        try {
            return List.of(json.readValue(text, Question[].class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> readMap(String text) {
        try {
            return json.readValue(text, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> readList(String text) {
        try {
            return json.readValue(text, io.micronaut.core.type.Argument.listOf(
                    io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> castMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<String, Object>) o).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static int num(Object o) {
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

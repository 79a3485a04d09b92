package dk.gennemsyn.assessment.instruments;

import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** An instrument's content: sections of questions. Stored as JSON; validated before it is saved. */
@Serdeable
public record Definition(List<Section> sections) {

    @Serdeable
    public record Section(String title, List<Question> questions) {
    }

    /**
     * One question. {@code scale}: the labelled steps of an ordinal question, lowest first (answered 1..n).
     * {@code id}: stable within the instrument's family, so answers can be compared across versions.
     */
    @Serdeable
    public record Question(String id, String text, @Nullable String help, String type, boolean required,
                           @Nullable List<String> scale) {

        public QuestionType kind() {
            return QuestionType.ofCode(type).orElseThrow();
        }

        public String helpText() {
            return help == null ? "" : help;
        }

        public List<String> steps() {
            return scale == null ? List.of() : scale;
        }
    }

    private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,40}");

    public List<Question> questions() {
        return sections.stream().flatMap(s -> s.questions().stream()).toList();
    }

    public Optional<Question> question(String id) {
        return questions().stream().filter(q -> q.id().equals(id)).findFirst();
    }

    /** The same with the question put in a section (replacing one with the same id, wherever it was). */
    public Definition withQuestion(String sectionTitle, Question q) {
        List<Section> out = new java.util.ArrayList<>();
        boolean placed = false;
        for (Section s : sections) {
            List<Question> qs = new java.util.ArrayList<>();
            for (Question old : s.questions()) {
                if (old.id().equals(q.id())) {
                    if (s.title().equals(sectionTitle)) {
                        qs.add(q);
                        placed = true;
                    }
                } else {
                    qs.add(old);
                }
            }
            if (!placed && s.title().equals(sectionTitle)) {
                qs.add(q);
                placed = true;
            }
            if (!qs.isEmpty()) {
                out.add(new Section(s.title(), qs));
            }
        }
        if (!placed) {
            out.add(new Section(sectionTitle, List.of(q)));
        }
        return new Definition(out);
    }

    /** The same without the question; a section left empty goes too. */
    public Definition withoutQuestion(String id) {
        List<Section> out = new java.util.ArrayList<>();
        for (Section s : sections) {
            List<Question> qs = s.questions().stream().filter(q -> !q.id().equals(id)).toList();
            if (!qs.isEmpty()) {
                out.add(new Section(s.title(), qs));
            }
        }
        return new Definition(out);
    }

    /** The title of the section holding the question. */
    public Optional<String> sectionOf(String id) {
        return sections.stream().filter(s -> s.questions().stream().anyMatch(q -> q.id().equals(id)))
                .map(Section::title).findFirst();
    }

    /** Refuses an unusable definition with a Danish message naming what is wrong. */
    public Definition validated() {
        if (sections == null || sections.isEmpty()) {
            throw ProblemException.invalid("definition", "Et instrument skal have mindst ét afsnit.");
        }
        Set<String> ids = new HashSet<>();
        for (Section s : sections) {
            text("definition.sections.title", s.title(), 200, true);
            if (s.questions() == null || s.questions().isEmpty()) {
                throw ProblemException.invalid("definition", "Afsnittet \"" + s.title() + "\" har ingen spørgsmål.");
            }
            for (Question q : s.questions()) {
                if (q.id() == null || !ID.matcher(q.id()).matches()) {
                    throw ProblemException.invalid("definition.questions.id",
                            "Et spørgsmåls id skal være 1-40 små bogstaver, tal eller _ (fx barnets_syn).");
                }
                if (!ids.add(q.id())) {
                    throw ProblemException.invalid("definition.questions.id", "Spørgsmålet " + q.id() + " findes to gange.");
                }
                text("definition.questions.text", q.text(), 500, true);
                text("definition.questions.help", q.help(), 2000, false);
                QuestionType type = QuestionType.ofCode(q.type()).orElseThrow(() -> ProblemException.invalid(
                        "definition.questions.type", "Ukendt svartype " + q.type() + " (brug " + QuestionType.codes() + ")."));
                if (type == QuestionType.ORDINAL) {
                    if (q.scale() == null || q.scale().size() < 2 || q.scale().size() > 10) {
                        throw ProblemException.invalid("definition.questions.scale",
                                "Spørgsmålet " + q.id() + " er en skala og skal have 2-10 trin.");
                    }
                    q.scale().forEach(l -> text("definition.questions.scale", l, 100, true));
                } else if (q.scale() != null && !q.scale().isEmpty()) {
                    throw ProblemException.invalid("definition.questions.scale",
                            "Kun skala-spørgsmål har trin (" + q.id() + ").");
                }
            }
        }
        return this;
    }

    private static void text(String field, @Nullable String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.invalid(field, "Udfyld teksten.");
            }
            return;
        }
        if (value.length() > max) {
            throw ProblemException.invalid(field, "Højst " + max + " tegn.");
        }
        if (CprGuard.containsCpr(value)) {
            throw ProblemException.cpr(field);
        }
    }
}

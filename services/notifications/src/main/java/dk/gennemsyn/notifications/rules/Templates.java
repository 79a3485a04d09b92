package dk.gennemsyn.notifications.rules;

import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Danish message texts per trigger: the shipped wording ({@link Triggers}) unless the tenant has written its own.
 * A text is plain with {{variable}} placeholders; the e-mail's HTML part is made from the rendered text, so there is
 * one text to edit and nothing in it is interpreted as markup.
 */
@Singleton
public class Templates {

    @Serdeable
    public record Template(String trigger, String label, String subject, String body, List<String> variables,
                           boolean custom, long version) {
    }

    @Serdeable
    public record Rendered(String subject, String body) {
    }

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 5000;

    /** Shown in previews: what each variable looks like, never real data. */
    static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("recipient_name", "Tovholder (Eksempel)"), Map.entry("review_title", "Sagsgennemgang 2026"),
            Map.entry("link", "https://gennemsyn.example/intake/reviews/…"), Map.entry("alias", "Sag 17"),
            Map.entry("round", "2"), Map.entry("cases", "40"), Map.entry("deadline_title", "Styregruppemøde"),
            Map.entry("deadline_date", "10.09.2026"), Map.entry("working_days_left", "5"),
            Map.entry("overdue_working_days", "3"), Map.entry("review_state_label", "Validering"),
            Map.entry("from_state_label", "Sagsgennemgang"), Map.entry("to_state_label", "Validering"),
            Map.entry("meeting_title", "Fællesmøde om sagerne"), Map.entry("meeting_date", "24.09.2026"),
            Map.entry("change", "Ny mødeindkaldelse"), Map.entry("count", "3"), Map.entry("count_text", "3 nye beskeder"),
            Map.entry("items", "· Sag 17 er fordelt til dig (runde 1)\n· Begge vurderinger af Sag 4 er indsendt"));

    private final TemplateRows rows;
    private final TenantTx tenantTx;

    Templates(TemplateRows rows, TenantTx tenantTx) {
        this.rows = rows;
        this.tenantTx = tenantTx;
    }

    public List<Template> list(Caller caller) {
        return Triggers.all().stream().map(t -> find(caller, t.code())).toList();
    }

    public Template find(Caller caller, String trigger) {
        return tenantTx.read(caller.tenant(), () -> load(trigger));
    }

    /** Inside a tenant transaction. */
    Template load(String trigger) {
        Triggers.Trigger t = Triggers.find(trigger).orElseThrow(() -> ProblemException.notFound("Ukendt beskedtype."));
        return rows.find(trigger)
                .map(r -> new Template(t.code(), t.label(), r.subject(), r.body(), t.variables(), true, r.version()))
                .orElse(new Template(t.code(), t.label(), t.subject(), t.body(), t.variables(), false, 0));
    }

    /** Saves the tenant's wording; {@code expectedVersion} is the version the editor saw (0 = the shipped text). */
    public Template save(Caller caller, String trigger, long expectedVersion, String subject, String body) {
        validate(trigger, subject, body);
        return tenantTx.write(caller.tenant(), () -> {
            Template current = load(trigger);
            if (current.version() != expectedVersion) {
                throw new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                        "Teksten er ændret af en anden, siden du hentede den. Hent den igen.", null);
            }
            rows.write(caller.tenant(), trigger, subject.strip(), body.strip(), caller.userId());
            return load(trigger);
        });
    }

    /** Back to the shipped wording. */
    public Template reset(Caller caller, String trigger) {
        Triggers.find(trigger).orElseThrow(() -> ProblemException.notFound("Ukendt beskedtype."));
        return tenantTx.write(caller.tenant(), () -> {
            rows.remove(trigger);
            return load(trigger);
        });
    }

    /** A text as it would be sent, with example values: nothing is stored. */
    public Rendered preview(String trigger, String subject, String body) {
        validate(trigger, subject, body);
        return render(subject, body, SAMPLES);
    }

    /** Inside a tenant transaction: the tenant's text for the trigger with the values filled in. */
    public Rendered render(String trigger, Map<String, String> values) {
        Template t = load(trigger);
        return render(t.subject(), t.body(), values);
    }

    static Rendered render(String subject, String body, Map<String, String> values) {
        return new Rendered(fill(subject, values).replaceAll("\\s+", " ").strip(), fill(body, values));
    }

    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    static void validate(String trigger, String subject, String body) {
        Triggers.Trigger t = Triggers.find(trigger).orElseThrow(() -> ProblemException.notFound("Ukendt beskedtype."));
        if (subject == null || subject.isBlank()) {
            throw ProblemException.invalid("subject", "Skriv en emnelinje.");
        }
        if (body == null || body.isBlank()) {
            throw ProblemException.invalid("body", "Skriv beskedens tekst.");
        }
        if (subject.length() > MAX_SUBJECT) {
            throw ProblemException.invalid("subject", "Emnelinjen må højst være " + MAX_SUBJECT + " tegn.");
        }
        if (body.length() > MAX_BODY) {
            throw ProblemException.invalid("body", "Teksten må højst være " + MAX_BODY + " tegn.");
        }
        for (var field : Map.of("subject", subject, "body", body).entrySet()) {
            if (CprGuard.containsCpr(field.getValue())) {
                throw ProblemException.cpr(field.getKey());
            }
            Matcher m = PLACEHOLDER.matcher(field.getValue());
            while (m.find()) {
                if (!t.variables().contains(m.group(1))) {
                    throw ProblemException.invalid(field.getKey(), "{{" + m.group(1) + "}} kan ikke bruges her. Mulige felter: "
                            + String.join(", ", t.variables().stream().map(v -> "{{" + v + "}}").toList()) + ".");
                }
            }
        }
    }

    /** The e-mail's HTML part: the rendered text escaped, paragraphs kept, the link made clickable. */
    public static String html(String text, String link) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html lang=\"da\"><body style=\"font-family:sans-serif\">");
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String p = escape(paragraph.strip()).replace("\n", "<br>\n");
            if (link != null && !link.isEmpty()) {
                String l = escape(link);
                p = p.replace(l, "<a href=\"" + l + "\">" + l + "</a>");
            }
            out.append("<p>").append(p).append("</p>\n");
        }
        return out.append("</body></html>").toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new LinkedHashMap<>(a);
        out.putAll(b);
        return out;
    }
}

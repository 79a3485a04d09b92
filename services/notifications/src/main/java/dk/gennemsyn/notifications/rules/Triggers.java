package dk.gennemsyn.notifications.rules;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dk.gennemsyn.proto.assessment.v1.AssessmentAssigned;
import dk.gennemsyn.proto.assessment.v1.ReviewAssessmentsValidated;
import dk.gennemsyn.proto.assessment.v1.AssessmentReturned;
import dk.gennemsyn.proto.assessment.v1.CaseReadyForValidation;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import dk.gennemsyn.proto.assessment.v1.UrgentConcernRaised;
import dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged;
import dk.gennemsyn.proto.recommendations.v1.ActionAssigned;
import dk.gennemsyn.proto.recommendations.v1.ActionCompleted;
import dk.gennemsyn.proto.recommendations.v1.ActionDueSoon;
import dk.gennemsyn.proto.recommendations.v1.ActionOverdue;
import dk.gennemsyn.proto.recommendations.v1.AgendaReady;
import dk.gennemsyn.proto.recommendations.v1.HearingClosed;
import dk.gennemsyn.proto.recommendations.v1.HearingOpened;
import dk.gennemsyn.proto.recommendations.v1.HearingResponseReceived;
import dk.gennemsyn.proto.recommendations.v1.MinutesApproved;
import dk.gennemsyn.proto.recommendations.v1.RecommendationDecided;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What can make a message, with its Danish wording as shipped. Adding an event type is a line here (its type, a
 * label, whom "the person concerned" is, where the link goes, the default text) and a default rule in
 * {@link Rules#SHIPPED}: the generic handler subscribes to every event listed, and the event's fields become the
 * template's variables.
 */
public final class Triggers {

    public enum Kind {
        /** An event happened. */
        EVENT,
        /** N working days before a deadline. */
        REMINDER,
        /** A deadline passed and is still open: escalated once. */
        OVERDUE,
        /** A meeting's calendar invitation (new, moved or cancelled). */
        INVITATION,
        /** A bundle of non-urgent messages. */
        DIGEST
    }

    /**
     * @param personField  the field naming the people concerned (recipient "assignee"; a repeated field names several),
     *                     or null; for deadlines, "people" (the deadline's own list, e.g. a hearing's respondents)
     * @param link         path on the one origin, with {variable} placeholders
     * @param dedupeFields fields that identify the news (empty: every event is news)
     */
    public record Trigger(String code, Kind kind, String label, @Nullable Class<? extends Message> eventType,
                          @Nullable String personField, String link, List<String> variables, String subject,
                          String body, List<String> dedupeFields) {
    }

    /** The people an event names in a field (one or a repeated list). */
    public static List<String> people(Message event, String field) {
        FieldDescriptor f = event.getDescriptorForType().findFieldByName(field);
        if (f == null) {
            return List.of();
        }
        if (f.isRepeated()) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < event.getRepeatedFieldCount(f); i++) {
                out.add(String.valueOf(event.getRepeatedField(f, i)));
            }
            return out;
        }
        return List.of(String.valueOf(event.getField(f)));
    }

    /** Variables every trigger has. */
    static final List<String> COMMON = List.of("recipient_name", "review_title", "link");
    static final List<String> DEADLINE = List.of("deadline_title", "deadline_date", "working_days_left");

    /** The deadline kinds (a review's milestone kinds in case-intake) and their Danish names. */
    public static final Map<String, String> DEADLINE_KINDS = ordered(
            "meeting", "Møde",
            "validation_due", "Frist for validering",
            "budget_warning", "Tidlig budgetvarsling",
            "report_deadline", "Frist for afrapportering",
            "hearing_closes", "Høringsfrist",
            "other", "Andet");

    public static final Map<String, String> STATES = dk.gennemsyn.platform.web.DanishFormat.PHASES;

    private static final Map<String, Trigger> ALL = new LinkedHashMap<>();

    static {
        event(UrgentConcernRaised.class, "Akut bekymring for et barn", null, "/assessment/findings/{finding_id}", List.of(),
                "AKUT: bekymring for barnet i {{alias}}",
                """
                Kære {{recipient_name}}

                En sagsgennemgår har i gennemgangen »{{review_title}}« markeret, at barnet i {{alias}} måske er i fare \
                nu. Se sagen og tag stilling i dag:
                {{link}}

                Beskeden indeholder ingen personoplysninger. Log ind i Gennemsyn for at se fundet.""");
        event(AssessmentAssigned.class, "Sag fordelt til vurdering", "reviewer", "/assessment/assignments/{assignment_id}",
                List.of(), "{{alias}} er fordelt til dig (runde {{round}})",
                """
                Kære {{recipient_name}}

                {{alias}} i gennemgangen »{{review_title}}« er fordelt til dig til vurdering (runde {{round}}). \
                Åbn vurderingen her:
                {{link}}""");
        event(SecondReviewCompleted.class, "Anden vurdering afsluttet", null,
                "/assessment/reviews/{review_id}/cases/{case_id}/comparison", List.of(),
                "Begge vurderinger af {{alias}} er indsendt",
                """
                Kære {{recipient_name}}

                Første og anden vurdering af {{alias}} i »{{review_title}}« er begge indsendt. Hvor de er uenige, \
                skal der modereres. Se sammenligningen:
                {{link}}""");
        event(CaseReadyForValidation.class, "Sag klar til validering", null,
                "/assessment/reviews/{review_id}/validation#case-{case_id}", List.of(),
                "{{alias}} er klar til validering",
                """
                Kære {{recipient_name}}

                Den endelige vurdering af {{alias}} i gennemgangen »{{review_title}}« er klar til din validering. \
                Se vurderingen og sagsgennemgåerens fund, og angiv om du er enig:
                {{link}}""");
        event(AssessmentReturned.class, "Vurdering sendt tilbage af validator", "reviewer",
                "/assessment/assignments/{assignment_id}", List.of(), "{{alias}} er sendt tilbage til dig",
                """
                Kære {{recipient_name}}

                Kommunens validator er ikke enig i den endelige vurdering af {{alias}} i gennemgangen »{{review_title}}« \
                og har sendt den tilbage til dig med denne bemærkning:

                {{note}}

                Ret vurderingen og indsend den igen:
                {{link}}""");
        event(ReviewAssessmentsValidated.class, "Alle vurderinger valideret", null,
                "/assessment/reviews/{review_id}/validation", List.of(),
                "Alle vurderinger i »{{review_title}}« er valideret",
                """
                Kære {{recipient_name}}

                Alle {{cases}} vurderede sager i gennemgangen »{{review_title}}« er valideret af kommunens \
                medarbejdere og er nu låst. Se valideringen:
                {{link}}""");
        event(ReviewStateChanged.class, "Gennemgangen skiftede fase", null, "/intake/reviews/{review_id}",
                List.of("from_state_label", "to_state_label"),
                "»{{review_title}}« er nu i fasen {{to_state_label}}",
                """
                Kære {{recipient_name}}

                Gennemgangen »{{review_title}}« er gået fra {{from_state_label}} til {{to_state_label}}.
                {{link}}""");

        // Recommendations, hearings, the plan and follow-up meetings (seeds 001-004).
        event(RecommendationDecided.class, "Beslutning om en anbefaling", null, "/recommendations/reviews/{review_id}",
                List.of(), "Beslutning om {{code}}: {{title}}",
                """
                Kære {{recipient_name}}

                Styregruppen har truffet beslutning om anbefaling {{code}} »{{title}}« i gennemgangen »{{review_title}}«. \
                Se beslutningen og begrundelsen:
                {{link}}""");
        event(HearingOpened.class, "Høring sendt ud", "respondents", "/recommendations/hearings/{hearing_id}", List.of(),
                "Høring: {{title}} (frist {{closes_on}})",
                """
                Kære {{recipient_name}}

                Du er hørt om »{{title}}« i gennemgangen »{{review_title}}«. Fristen for dit høringssvar er {{closes_on}}. \
                Læs udkastet og afgiv dine bemærkninger her:
                {{link}}""");
        event(HearingResponseReceived.class, "Høringssvar modtaget", null, "/recommendations/hearings/{hearing_id}",
                List.of(), "Høringssvar til »{{title}}«",
                """
                Kære {{recipient_name}}

                Der er kommet {{comments}} bemærkning(er) til høringen »{{title}}«.
                {{link}}""");
        event(HearingClosed.class, "Høring afsluttet", null, "/recommendations/hearings/{hearing_id}", List.of(),
                "Høringen »{{title}}« er afsluttet (version {{version}})",
                """
                Kære {{recipient_name}}

                Høringen »{{title}}« er afsluttet, og den samlede version {{version}} er offentliggjort.
                {{link}}""");
        event(ActionAssigned.class, "Handling tildelt", "owner", "/recommendations/reviews/{review_id}/plan", List.of(),
                "Handling til dig: {{title}} (frist {{due_date}})",
                """
                Kære {{recipient_name}}

                Du er ejer af handlingen »{{title}}« i handleplanen for »{{review_title}}«, med frist {{due_date}}. \
                Meld status og indikatorens målinger her:
                {{link}}""", List.of("action_id", "owner", "due_date"));
        event(ActionDueSoon.class, "Handling har snart frist", "owner", "/recommendations/reviews/{review_id}/plan",
                List.of(), "Frist om {{working_days_left}} arbejdsdage: {{title}}",
                """
                Kære {{recipient_name}}

                Handlingen »{{title}}« har frist {{due_date}} (om {{working_days_left}} arbejdsdage).
                {{link}}""");
        event(ActionOverdue.class, "Handling overskredet", "owner", "/recommendations/reviews/{review_id}/plan",
                List.of(), "Overskredet: {{title}} (frist {{due_date}})",
                """
                Kære {{recipient_name}}

                Handlingen »{{title}}« i handleplanen for »{{review_title}}« skulle være gennemført {{due_date}} og er \
                ikke afsluttet. Styregruppen orienteres én gang.
                {{link}}""");
        event(ActionCompleted.class, "Handling afsluttet", null, "/recommendations/reviews/{review_id}/plan", List.of(),
                "Handling afsluttet: {{title}}",
                """
                Kære {{recipient_name}}

                Handlingen »{{title}}« i handleplanen for »{{review_title}}« er meldt afsluttet. {{reason}}
                {{link}}""");
        event(AgendaReady.class, "Mødemateriale klar", "participants", "/recommendations/meetings/{meeting_id}", List.of(),
                "Dagsorden klar: {{title}} {{date}}",
                """
                Kære {{recipient_name}}

                Dagsordenen til »{{title}}« den {{date}} er klar med {{items}} punkt(er) fra handleplanen.
                {{link}}""");
        event(MinutesApproved.class, "Referat godkendt", null, "/recommendations/meetings/{meeting_id}", List.of(),
                "Referat godkendt: {{title}} {{date}}",
                """
                Kære {{recipient_name}}

                Referatet af »{{title}}« den {{date}} er godkendt med {{decisions}} beslutning(er) og {{new_actions}} \
                ny(e) handling(er).
                {{link}}""");

        for (var kind : DEADLINE_KINDS.entrySet()) {
            add(new Trigger("reminder." + kind.getKey(), Kind.REMINDER, "Påmindelse: " + kind.getValue(), null, "people",
                    kind.getKey().equals("hearing_closes") ? "/recommendations/hearings/{hearing_id}" : "/intake/reviews/{review_id}",
                    concat(COMMON, DEADLINE), reminderSubject(kind.getKey()), reminderBody(kind.getKey()), List.of()));
        }
        for (String kind : List.of("validation_due", "report_deadline")) {
            add(new Trigger("overdue." + kind, Kind.OVERDUE, "Overskredet: " + DEADLINE_KINDS.get(kind), null, "people",
                    "/intake/reviews/{review_id}",
                    concat(COMMON, List.of("deadline_title", "deadline_date", "overdue_working_days", "review_state_label")),
                    "Overskredet: {{deadline_title}} i »{{review_title}}«",
                    """
                    Kære {{recipient_name}}

                    Fristen »{{deadline_title}}« i gennemgangen »{{review_title}}« var {{deadline_date}} og er \
                    overskredet med {{overdue_working_days}} arbejdsdag(e). Gennemgangen er i fasen {{review_state_label}}.
                    Styregruppen orienteres én gang om hver overskredet frist.
                    {{link}}""", List.of()));
        }
        add(new Trigger("invitation.followup", Kind.INVITATION, "Mødeindkaldelse til opfølgningsmøde (kalender)", null,
                "participants", "/recommendations/meetings/{meeting_id}",
                concat(COMMON, List.of("meeting_title", "meeting_date", "meeting_place", "change")),
                "{{change}}: {{meeting_title}} {{meeting_date}}",
                """
                Kære {{recipient_name}}

                {{change}}: {{meeting_title}} den {{meeting_date}} i opfølgningen på »{{review_title}}«.
                Sted: {{meeting_place}}
                Invitationen er vedhæftet som en .ics-fil og kan lægges i din kalender.
                {{link}}""", List.of()));
        add(new Trigger("invitation.meeting", Kind.INVITATION, "Mødeindkaldelse (kalender)", null, null,
                "/intake/reviews/{review_id}", concat(COMMON, List.of("meeting_title", "meeting_date", "change")),
                "{{change}}: {{meeting_title}} {{meeting_date}}",
                """
                Kære {{recipient_name}}

                {{change}}: {{meeting_title}} den {{meeting_date}} i gennemgangen »{{review_title}}«.
                Invitationen er vedhæftet og kan lægges i din kalender.
                {{link}}""", List.of()));
        add(new Trigger("digest", Kind.DIGEST, "Samlet oversigt (digest)", null, null, "/notifications/",
                List.of("recipient_name", "count", "count_text", "items", "link"),
                "Gennemsyn: {{count_text}}",
                """
                Kære {{recipient_name}}

                Siden sidste oversigt har du fået {{count_text}}:

                {{items}}

                Se dem alle i din indbakke:
                {{link}}""", List.of()));
    }

    private Triggers() {
    }

    public static Optional<Trigger> find(String code) {
        return Optional.ofNullable(ALL.get(code));
    }

    public static Trigger get(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("unknown trigger " + code));
    }

    public static Collection<Trigger> all() {
        return ALL.values();
    }

    /** The event types the generic handler subscribes to (those no other handler of this service takes). */
    public static List<Class<? extends Message>> eventTypes() {
        return ALL.values().stream().filter(t -> t.kind() == Kind.EVENT).<Class<? extends Message>>map(Trigger::eventType)
                .toList();
    }

    public static Trigger forEvent(Class<? extends Message> type) {
        return get(type.getSimpleName());
    }

    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** An event's scalar fields as template variables (field name → text; ISO dates written the Danish way). */
    public static Map<String, String> variables(Message event) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (FieldDescriptor f : event.getDescriptorForType().getFields()) {
            if (!f.isRepeated() && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                String v = String.valueOf(event.getField(f));
                vars.put(f.getName(), ISO_DATE.matcher(v).matches()
                        ? dk.gennemsyn.platform.web.DanishFormat.INSTANCE.date(java.time.LocalDate.parse(v)) : v);
            }
        }
        return vars;
    }

    private static void event(Class<? extends Message> type, String label, @Nullable String personField, String link,
                              List<String> extra, String subject, String body) {
        event(type, label, personField, link, extra, subject, body, List.of());
    }

    private static void event(Class<? extends Message> type, String label, @Nullable String personField, String link,
                              List<String> extra, String subject, String body, List<String> dedupeFields) {
        List<String> vars = new ArrayList<>(COMMON);
        for (FieldDescriptor f : defaultInstance(type).getDescriptorForType().getFields()) {
            if (!f.isRepeated() && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                vars.add(f.getName());
            }
        }
        vars.addAll(extra);
        add(new Trigger(type.getSimpleName(), Kind.EVENT, label, type, personField, link, List.copyOf(vars), subject, body,
                dedupeFields));
    }

    private static Message defaultInstance(Class<? extends Message> type) {
        try {
            return (Message) type.getMethod("getDefaultInstance").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type + " is not a protobuf message", e);
        }
    }

    private static String reminderSubject(String kind) {
        return switch (kind) {
            case "meeting" -> "Om {{working_days_left}} arbejdsdage: {{deadline_title}} – send sagsnotater nu";
            case "validation_due" -> "Validering skal være færdig {{deadline_date}}";
            case "budget_warning" -> "Tidlig budgetvarsling skal afgives {{deadline_date}}";
            case "report_deadline" -> "Afrapportering skal være klar {{deadline_date}}";
            case "hearing_closes" -> "Høringsfristen for »{{deadline_title}}« er {{deadline_date}}";
            default -> "Påmindelse: {{deadline_title}} {{deadline_date}}";
        };
    }

    private static String reminderBody(String kind) {
        String what = switch (kind) {
            case "meeting" -> "Mødet »{{deadline_title}}« holdes {{deadline_date}}. Sagsnotaterne skal ud til deltagerne"
                    + " nu, så de kan forberede sig.";
            case "validation_due" -> "Valideringen af de gennemgåede sager skal være færdig {{deadline_date}}.";
            case "budget_warning" -> "De budgetrelevante fund skal meldes til budgetlægningen senest {{deadline_date}}.";
            case "report_deadline" -> "Afrapporteringen af gennemgangen skal være klar {{deadline_date}}.";
            case "hearing_closes" -> "Du er hørt om »{{deadline_title}}«, og fristen for dit høringssvar er {{deadline_date}}.";
            default -> "»{{deadline_title}}« er {{deadline_date}}.";
        };
        return "Kære {{recipient_name}}\n\n" + what + "\nDer er {{working_days_left}} arbejdsdage tilbage (gennemgangen"
                + " »{{review_title}}«).\n{{link}}";
    }

    private static void add(Trigger t) {
        ALL.put(t.code(), t);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}

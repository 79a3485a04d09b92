package dk.gennemsyn.notifications.messages;

import dk.gennemsyn.notifications.delivery.Deliveries;
import dk.gennemsyn.notifications.reviews.ReviewCopies;
import dk.gennemsyn.notifications.reviews.ReviewCopies.Recipient;
import dk.gennemsyn.notifications.rules.Rules;
import dk.gennemsyn.notifications.rules.Rules.Rule;
import dk.gennemsyn.notifications.rules.Templates;
import dk.gennemsyn.notifications.rules.Triggers;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a trigger into messages: for each enabled rule, the review's people in the rule's roles (and the person the
 * event is about), each with their own rendered text, in their inbox and/or as an e-mail, urgent ones at once and the
 * rest at once or in the recipient's digest. Runs in the caller's tenant transaction (the event handler's, or the
 * scheduler's), so the messages exist if and only if the trigger was handled; the dedupe key makes a second pass a
 * no-op.
 */
@Singleton
public class Notifier {

    /**
     * What happened: the trigger, the review and case it concerns, a key unique to this occurrence, the template's
     * values, the person concerned (for recipient "assignee"), for invitations the calendar per recipient, and who
     * must not be told (the other reviewer of a case whose second review is blind), whatever their roles.
     */
    public record Occurrence(String trigger, @Nullable UUID reviewId, @Nullable UUID caseId, String key,
                             Map<String, String> values, List<String> peopleConcerned,
                             @Nullable Function<Recipient, String> calendar, List<String> withheldFrom) {

        public Occurrence(String trigger, @Nullable UUID reviewId, @Nullable UUID caseId, String key,
                          Map<String, String> values, List<String> peopleConcerned,
                          @Nullable Function<Recipient, String> calendar) {
            this(trigger, reviewId, caseId, key, values, peopleConcerned, calendar, List.of());
        }
    }

    /**
     * The occurrence of an event: its fields as values, keyed by the event id (or, for a trigger with dedupe fields,
     * by those fields' values: an action re-published with the same owner and due date is not news).
     */
    public static Occurrence of(dk.gennemsyn.platform.events.EventContext context, com.google.protobuf.Message event,
                                Map<String, String> extra) {
        Triggers.Trigger trigger = Triggers.forEvent(event.getClass());
        Map<String, String> values = new LinkedHashMap<>(Triggers.variables(event));
        values.putAll(extra);
        String key = trigger.dedupeFields().isEmpty() ? "event:" + context.eventId()
                : trigger.code() + ":" + String.join(":", trigger.dedupeFields().stream().map(values::get).toList());
        return new Occurrence(trigger.code(), uuid(values.get("review_id")), uuid(values.get("case_id")), key, values,
                trigger.personField() == null ? List.of() : Triggers.people(event, trigger.personField()), null,
                Triggers.people(event, "withheld_from"));
    }

    @Nullable
    private static UUID uuid(@Nullable String s) {
        try {
            return s == null || s.isEmpty() ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([a-z_]+)}");

    private final MessageRows messages;
    private final Rules rules;
    private final Templates templates;
    private final ReviewCopies reviews;
    private final Preferences preferences;
    private final Deliveries deliveries;
    private final Clock clock;
    private final String publicUrl;

    Notifier(MessageRows messages, Rules rules, Templates templates, ReviewCopies reviews, Preferences preferences,
             Deliveries deliveries, Clock clock, @Value("${gennemsyn.public-url:`http://localhost:8080`}") String publicUrl) {
        this.messages = messages;
        this.rules = rules;
        this.templates = templates;
        this.reviews = reviews;
        this.preferences = preferences;
        this.deliveries = deliveries;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Every enabled rule of the trigger. Returns the number of messages made. */
    public int notify(String tenant, Occurrence o) {
        int made = 0;
        for (Rule rule : rules.enabledFor(tenant, o.trigger())) {
            made += notify(tenant, rule, o);
        }
        return made;
    }

    /** One rule (the scheduler decides per rule whether its reminder is due). */
    public int notify(String tenant, Rule rule, Occurrence o) {
        Instant now = clock.instant();
        Map<String, String> values = new LinkedHashMap<>(o.values());
        reviews.find(o.reviewId()).ifPresent(r -> values.putIfAbsent("review_title", r.title()));
        values.putIfAbsent("review_title", "");
        String link = link(Triggers.get(o.trigger()).link(), values);
        values.put("link", link);
        int made = 0;
        for (Recipient to : recipients(rule, o, now)) {
            Preferences.Preference pref = preferences.load(to.userId());
            if (!rule.urgent() && pref.muted(o.reviewId())) {
                continue;
            }
            values.put("recipient_name", to.name());
            Templates.Rendered text = templates.render(o.trigger(), values);
            UUID id = UUID.randomUUID();
            boolean email = rule.email() && (rule.urgent() || pref.email());
            boolean digest = email && !rule.urgent() && o.calendar() == null && !pref.digest().equals("none");
            if (messages.add(id, tenant, to.userId(), to.name(), o.reviewId(), o.caseId(), o.trigger(),
                    o.key() + ":" + rule.id(), text.subject(), text.body(), link, rule.urgent(), rule.inbox(),
                    digest ? "pending" : "none") == 0) {
                continue; // this occurrence was handled before
            }
            made++;
            if (rule.inbox()) {
                deliveries.inbox(tenant, id, to.userId(), o.trigger(), text.subject());
            }
            if (email && !digest) {
                deliveries.email(tenant, new Deliveries.Email("email:" + id, id, to.userId(), to.email(),
                        o.calendar() == null ? "message" : "invitation", o.trigger(), text.subject(), text.body(), link,
                        o.calendar() == null ? null : o.calendar().apply(to), rule.urgent()));
            }
        }
        return made;
    }

    private List<Recipient> recipients(Rule rule, Occurrence o, Instant now) {
        Map<String, Recipient> out = new LinkedHashMap<>();
        if (o.reviewId() != null) {
            List<String> roles = rule.recipients().stream().filter(r -> !r.equals("assignee")).toList();
            reviews.inRoles(o.reviewId(), roles, now).forEach(r -> out.put(r.userId(), r));
        }
        if (rule.recipients().contains("assignee")) {
            for (String who : o.peopleConcerned()) {
                if (who.isEmpty()) {
                    continue;
                }
                // Name and address from the review's people. Someone whose access was revoked or has expired gets
                // nothing; if the copy has not caught up with the person yet, the inbox still gets it and the log
                // shows the missing address.
                var person = o.reviewId() == null ? java.util.Optional.<Recipient>empty() : reviews.person(o.reviewId(), who, now);
                if (person.isPresent()) {
                    out.putIfAbsent(who, person.get());
                } else if (o.reviewId() == null || !reviews.knows(o.reviewId(), who)) {
                    out.putIfAbsent(who, new Recipient(who, who, ""));
                }
            }
        }
        o.withheldFrom().forEach(out::remove);
        return List.copyOf(out.values());
    }

    String link(String pathTemplate, Map<String, String> values) {
        Matcher m = PATH_VARIABLE.matcher(pathTemplate);
        StringBuilder out = new StringBuilder(publicUrl);
        int last = 0;
        while (m.find()) {
            out.append(pathTemplate, last, m.start());
            out.append(URLEncoder.encode(values.getOrDefault(m.group(1), ""), StandardCharsets.UTF_8));
            last = m.end();
        }
        return out.append(pathTemplate.substring(last)).toString();
    }
}

package dk.gennemsyn.notifications.rules;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which trigger goes to whom on which channel. Each tenant starts with {@link #SHIPPED}, seeded on first use; its
 * administrator can change, switch off or add rules.
 */
@Singleton
public class Rules {

    @Serdeable
    public record Rule(UUID id, String trigger, String triggerLabel, List<String> recipients, String channel,
                       boolean urgent, @Nullable Integer offsetDays, boolean enabled, long version) {

        public boolean email() {
            return !channel.equals("inbox");
        }

        public boolean inbox() {
            return !channel.equals("email");
        }
    }

    public record Input(String trigger, List<String> recipients, String channel, boolean urgent,
                        @Nullable Integer offsetDays, boolean enabled) {
    }

    /** Whom a rule can name: a role in the review, or the person the event is about (the assigned reviewer). */
    public static final Map<String, String> RECIPIENTS = Triggers.ordered(
            "projektleder", "Projektleder", "tovholder", "Tovholder", "styregruppe", "Styregruppen",
            "reviewer", "Sagsgennemgårerne", "validator", "Validatorer (sagsbehandlere og ledere)",
            "assignee", "Den berørte person (fx den tildelte gennemgår)");

    public static final Map<String, String> CHANNELS = Triggers.ordered(
            "both", "E-mail og indbakke", "email", "Kun e-mail", "inbox", "Kun indbakke");

    /** The defaults every tenant starts with. */
    public static final List<Input> SHIPPED = List.of(
            // At once, to the coordinator and the responsible leaders: never bundled, never muted.
            new Input("UrgentConcernRaised", List.of("tovholder", "validator", "projektleder"), "both", true, null, true),
            new Input("AssessmentAssigned", List.of("assignee"), "both", false, null, true),
            new Input("SecondReviewCompleted", List.of("projektleder"), "both", false, null, true),
            // Validators hear of each case as it becomes ready (bundled in their digest if they chose one); the
            // validation deadline's reminders follow below.
            new Input("CaseReadyForValidation", List.of("validator"), "both", false, null, true),
            new Input("AssessmentReturned", List.of("assignee"), "both", false, null, true),
            new Input("ReviewAssessmentsValidated", List.of("projektleder", "styregruppe"), "both", false, null, true),
            new Input("ReviewStateChanged", List.of("projektleder", "tovholder"), "inbox", false, null, true),
            // Varde: the case notes go to the participants 5 working days before the meeting.
            new Input("reminder.meeting", List.of("reviewer", "projektleder"), "both", false, 5, true),
            new Input("reminder.validation_due", List.of("validator"), "both", false, 3, true),
            new Input("reminder.budget_warning", List.of("projektleder"), "both", false, 5, true),
            new Input("reminder.report_deadline", List.of("projektleder", "reviewer"), "both", false, 5, true),
            new Input("reminder.other", List.of("projektleder"), "inbox", false, 2, true),
            new Input("overdue.validation_due", List.of("styregruppe", "projektleder"), "both", false, null, true),
            new Input("overdue.report_deadline", List.of("styregruppe", "projektleder"), "both", false, null, true),
            new Input("invitation.meeting", List.of("projektleder", "tovholder", "styregruppe", "reviewer", "validator"),
                    "email", false, null, true),
            // Recommendations, hearings, the plan and follow-up meetings.
            new Input("RecommendationDecided", List.of("projektleder", "styregruppe"), "inbox", false, null, true),
            new Input("HearingOpened", List.of("assignee"), "both", false, null, true),
            new Input("HearingResponseReceived", List.of("projektleder"), "inbox", false, null, true),
            new Input("HearingClosed", List.of("projektleder", "styregruppe"), "inbox", false, null, true),
            // Only those who have not answered yet are still on the hearing's deadline.
            new Input("reminder.hearing_closes", List.of("assignee"), "both", false, 2, true),
            new Input("ActionAssigned", List.of("assignee"), "both", false, null, true),
            new Input("ActionDueSoon", List.of("assignee"), "both", false, null, true),
            new Input("ActionOverdue", List.of("assignee", "styregruppe"), "both", false, null, true),
            new Input("ActionCompleted", List.of("projektleder"), "inbox", false, null, true),
            new Input("AgendaReady", List.of("assignee"), "both", false, null, true),
            new Input("MinutesApproved", List.of("styregruppe", "projektleder"), "inbox", false, null, true),
            new Input("invitation.followup", List.of("assignee"), "email", false, null, true));

    private final RuleRows rows;
    private final TenantTx tenantTx;
    private final java.util.Set<String> seeded = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Rules(RuleRows rows, TenantTx tenantTx) {
        this.rows = rows;
        this.tenantTx = tenantTx;
    }

    public List<Rule> list(Caller caller) {
        return tenantTx.write(caller.tenant(), () -> {
            ensureShipped(caller.tenant());
            return views(rows.inOrder());
        });
    }

    /** Inside a tenant transaction: the enabled rules of a trigger (the shipped ones seeded first). */
    public List<Rule> enabledFor(String tenant, String trigger) {
        ensureShipped(tenant);
        return views(rows.enabledFor(trigger));
    }

    /** Inside a tenant transaction: the enabled rules of a kind of trigger ("reminder.", "overdue."). */
    public List<Rule> enabledWithPrefix(String tenant, String prefix) {
        ensureShipped(tenant);
        return views(rows.enabledWithPrefix(prefix));
    }

    public Rule create(Caller caller, Input in) {
        Input v = validate(in);
        return tenantTx.write(caller.tenant(), () -> {
            ensureShipped(caller.tenant());
            UUID id = UUID.randomUUID();
            insert(caller.tenant(), id, v);
            return load(id);
        });
    }

    public Rule update(Caller caller, UUID id, long expectedVersion, Input in) {
        Input v = validate(in);
        return tenantTx.write(caller.tenant(), () -> {
            Rule current = load(id);
            if (!current.trigger().equals(v.trigger())) {
                throw ProblemException.invalid("trigger", "En regels beskedtype kan ikke ændres; opret en ny regel.");
            }
            if (rows.change(id, expectedVersion, v.recipients().toArray(String[]::new), v.channel(), v.urgent(),
                    v.offsetDays(), v.enabled()) == 0) {
                throw new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                        "Reglen er ændret af en anden, siden du hentede den. Hent den igen.", null);
            }
            return load(id);
        });
    }

    public void delete(Caller caller, UUID id) {
        tenantTx.write(caller.tenant(), () -> {
            load(id);
            rows.deleteById(id);
        });
    }

    public Rule find(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> load(id));
    }

    private Rule load(UUID id) {
        return rows.findById(id).map(RuleRow::view).orElseThrow(() -> ProblemException.notFound("Reglen findes ikke."));
    }

    /**
     * The shipped rules of each trigger, once per tenant: a trigger shipped later is seeded then, and a rule the
     * administrator deleted stays deleted.
     */
    void ensureShipped(String tenant) {
        if (seeded.contains(tenant)) {
            return;
        }
        rows.knowTenant(tenant);
        java.util.Set<String> done = new java.util.HashSet<>(rows.shippedTriggers());
        boolean changed = false;
        for (Input in : SHIPPED) {
            if (done.add(in.trigger())) {
                rows.shipped(tenant, in.trigger());
                insert(tenant, UUID.randomUUID(), in);
                changed = true;
            }
        }
        if (!changed) {
            seeded.add(tenant); // committed before this transaction: safe to remember
        }
    }

    private void insert(String tenant, UUID id, Input v) {
        rows.save(new RuleRow(id, tenant, v.trigger(), v.recipients().toArray(String[]::new), v.channel(), v.urgent(),
                v.offsetDays(), v.enabled(), 1));
    }

    static Input validate(Input in) {
        Triggers.Trigger t = Triggers.find(in.trigger() == null ? "" : in.trigger())
                .orElseThrow(() -> ProblemException.invalid("trigger", "Vælg en beskedtype."));
        if (in.recipients() == null || in.recipients().isEmpty()) {
            throw ProblemException.invalid("recipients", "Vælg mindst én modtager.");
        }
        for (String r : in.recipients()) {
            if (!RECIPIENTS.containsKey(r)) {
                throw ProblemException.invalid("recipients", "Ukendt modtager: vælg blandt " + String.join(", ",
                        RECIPIENTS.keySet()) + ".");
            }
        }
        if (in.recipients().contains("assignee") && t.personField() == null) {
            throw ProblemException.invalid("recipients", "»" + t.label() + "« handler ikke om en bestemt person.");
        }
        if (in.channel() == null || !CHANNELS.containsKey(in.channel())) {
            throw ProblemException.invalid("channel", "Vælg kanal: e-mail, indbakke eller begge.");
        }
        Integer offset = in.offsetDays();
        if (t.kind() == Triggers.Kind.REMINDER) {
            if (offset == null || offset < 0 || offset > 60) {
                throw ProblemException.invalid("offsetDays", "Angiv hvor mange arbejdsdage før fristen (0-60).");
            }
        } else {
            offset = null;
        }
        return new Input(t.code(), List.copyOf(new java.util.LinkedHashSet<>(in.recipients())), in.channel(), in.urgent(),
                offset, in.enabled());
    }

    private static List<Rule> views(List<RuleRow> rows) {
        return rows.stream().map(RuleRow::view).toList();
    }
}

package dk.gennemsyn.notifications.deadlines;

import dk.gennemsyn.notifications.calendar.CalendarSettings;
import dk.gennemsyn.platform.calendar.WorkingDays;
import dk.gennemsyn.notifications.messages.Notifier;
import dk.gennemsyn.notifications.reviews.ReviewCopies;
import dk.gennemsyn.notifications.rules.Rules;
import dk.gennemsyn.notifications.rules.Triggers;
import dk.gennemsyn.platform.db.KnownTenants;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewMilestone;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Dates things are due by, and what is sent about them: a reminder N working days before (per rule), and one
 * escalation to the steering group once a deadline has passed by a working day and is still open. The scheduler
 * visits every tenant; each message's dedupe key (deadline, date, rule) makes a second visit send nothing, and a
 * moved date a new reminder.
 */
@Singleton
public class Deadlines {

    private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);

    record Deadline(String id, UUID reviewId, String kind, String title, LocalDate due, List<String> people) {
    }

    private final DeadlineRows rows;
    private final TenantTx tenantTx;
    private final Rules rules;
    private final Notifier notifier;
    private final CalendarSettings calendar;
    private final ReviewCopies reviews;
    private final KnownTenants tenants;
    private final Clock clock;

    Deadlines(DeadlineRows rows, TenantTx tenantTx, Rules rules, Notifier notifier, CalendarSettings calendar, ReviewCopies reviews,
              KnownTenants tenants, Clock clock) {
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.rules = rules;
        this.notifier = notifier;
        this.calendar = calendar;
        this.reviews = reviews;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Inside the handler's transaction: the review's milestones are its deadlines (a closed one stays closed). */
    public void syncMilestones(String tenant, Review r) {
        UUID review = UUID.fromString(r.getReviewId());
        List<String> ids = r.getMilestonesList().stream().map(m -> "milestone:" + m.getMilestoneId()).toList();
        for (ReviewMilestone m : r.getMilestonesList()) {
            String title = m.getTitle().isBlank() ? Triggers.DEADLINE_KINDS.getOrDefault(m.getKind(), m.getKind()) : m.getTitle();
            rows.milestone("milestone:" + m.getMilestoneId(), tenant, review, m.getKind(), title, LocalDate.parse(m.getDate()));
        }
        rows.removeMilestonesBut(review, ids.toArray(String[]::new));
    }

    /** Inside a tenant transaction: a deadline from another context (a hearing's closing day) and whom it concerns. */
    public void upsert(String tenant, String id, UUID review, String kind, String title, LocalDate due, List<String> people) {
        rows.upsert(id, tenant, review, kind, title, due, people.toArray(String[]::new));
    }

    /** Inside a tenant transaction: someone no longer concerned by a deadline (they answered the hearing). */
    public void release(String id, String person) {
        rows.release(id, person);
    }

    /** Inside a tenant transaction: one deadline is met. */
    public void closeOne(String id) {
        rows.closeOne(id, clock.instant());
    }

    /** Inside a tenant transaction: the review's open deadlines of these kinds are met (all kinds if none named). */
    public void close(UUID review, String... kinds) {
        rows.close(review, kinds, clock.instant());
    }

    @Scheduled(fixedDelay = "${gennemsyn.deadlines.interval:10m}", initialDelay = "${gennemsyn.deadlines.initial-delay:30s}")
    void tick() {
        LocalDate today = LocalDate.now(clock.withZone(DanishFormat.ZONE));
        for (String tenant : tenants.all()) {
            try {
                int n = run(tenant, today);
                if (n > 0) {
                    LOG.info("{} reminders and escalations made", n);
                }
            } catch (RuntimeException e) {
                LOG.warn("deadline pass failed; tried again next round", e);
            }
        }
    }

    /** Reminders and escalations due on {@code today} for the tenant; returns the messages made. */
    public int run(String tenant, LocalDate today) {
        return tenantTx.write(tenant, () -> {
            WorkingDays days = calendar.workingDays();
            List<Deadline> open = rows.open(today.minusDays(90)).stream().map(DeadlineRow::view).toList();
            int made = 0;
            for (Rules.Rule rule : rules.enabledWithPrefix(tenant, "reminder.")) {
                String kind = rule.trigger().substring("reminder.".length());
                for (Deadline d : open) {
                    LocalDate remindOn = days.minusWorkingDays(d.due(), rule.offsetDays());
                    if (d.kind().equals(kind) && !today.isBefore(remindOn) && !today.isAfter(d.due())) {
                        made += notifier.notify(tenant, rule, occurrence(rule.trigger(), "reminder:", d, Map.of(
                                "working_days_left", String.valueOf(days.workingDaysBetween(today, d.due())))));
                    }
                }
            }
            for (Rules.Rule rule : rules.enabledWithPrefix(tenant, "overdue.")) {
                String kind = rule.trigger().substring("overdue.".length());
                for (Deadline d : open) {
                    int overdue = days.workingDaysBetween(d.due(), today);
                    if (d.kind().equals(kind) && overdue >= 1) {
                        String state = reviews.find(d.reviewId()).map(ReviewCopies.ReviewRef::state).orElse("");
                        made += notifier.notify(tenant, rule, occurrence(rule.trigger(), "overdue:", d, Map.of(
                                "overdue_working_days", String.valueOf(overdue),
                                "review_state_label", Triggers.STATES.getOrDefault(state, state))));
                    }
                }
            }
            return made;
        });
    }

    private static Notifier.Occurrence occurrence(String trigger, String keyPrefix, Deadline d, Map<String, String> extra) {
        Map<String, String> values = new java.util.LinkedHashMap<>(extra);
        values.put("deadline_title", d.title());
        values.put("deadline_date", DanishFormat.INSTANCE.date(d.due()));
        values.put("review_id", d.reviewId() == null ? "" : d.reviewId().toString());
        if (d.id().startsWith("hearing:")) {
            values.put("hearing_id", d.id().substring("hearing:".length()));
        }
        // The date is part of the key: a deadline moved to a new date is reminded of again.
        return new Notifier.Occurrence(trigger, d.reviewId(), null, keyPrefix + d.id() + ":" + d.due(), values, d.people(),
                null);
    }
}

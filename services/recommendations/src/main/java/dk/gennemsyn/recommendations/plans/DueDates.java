package dk.gennemsyn.recommendations.plans;

import dk.gennemsyn.platform.calendar.WorkingDays;
import dk.gennemsyn.platform.db.KnownTenants;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.proto.recommendations.v1.ActionDueSoon;
import dk.gennemsyn.proto.recommendations.v1.ActionOverdue;
import dk.gennemsyn.recommendations.calendar.TenantCalendar;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Tells the world once per due date that an open action is due soon ({@code due-soon-working-days} before) and that it
 * is overdue (the first working day after). The sent-for dates on the action make a second pass, or a second
 * instance, send nothing; a new due date is told about again.
 */
@Singleton
public class DueDates {

    private static final Logger LOG = LoggerFactory.getLogger(DueDates.class);

    private final ActionRows rows;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final KnownTenants tenants;
    private final Clock clock;
    private final int dueSoonDays;
    private final TenantCalendar calendar;

    DueDates(ActionRows rows, TenantTx tenantTx, Outbox outbox, KnownTenants tenants, Clock clock,
             @Value("${gennemsyn.actions.due-soon-working-days:5}") int dueSoonDays, TenantCalendar calendar) {
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.tenants = tenants;
        this.clock = clock;
        this.dueSoonDays = dueSoonDays;
        this.calendar = calendar;
    }

    @Scheduled(fixedDelay = "${gennemsyn.actions.interval:10m}", initialDelay = "${gennemsyn.actions.initial-delay:30s}")
    void tick() {
        LocalDate today = LocalDate.now(clock.withZone(DanishFormat.ZONE));
        for (String tenant : tenants.all()) {
            try {
                run(tenant, today);
            } catch (RuntimeException e) {
                LOG.warn("due-date pass failed; tried again next round", e);
            }
        }
    }

    /** Returns the number of events written for {@code today}. */
    public int run(String tenant, LocalDate today) {
        return tenantTx.write(tenant, () -> {
            WorkingDays days = calendar.workingDays();
            int sent = 0;
            for (ActionRow d : rows.lockUnannounced()) {
                if (days.workingDaysBetween(d.dueDate(), today) >= 1) {
                    if (rows.markOverdueSent(d.id()) > 0) {
                        outbox.append(tenant, d.id().toString(), ActionOverdue.newBuilder().setActionId(d.id().toString())
                                .setReviewId(d.reviewId().toString()).setTitle(d.title()).setOwner(d.owner())
                                .setDueDate(d.dueDate().toString()).setStatus(d.status()).build());
                        sent++;
                    }
                } else if (!today.isBefore(days.minusWorkingDays(d.dueDate(), dueSoonDays)) && !today.isAfter(d.dueDate())) {
                    if (rows.markDueSoonSent(d.id()) > 0) {
                        outbox.append(tenant, d.id().toString(), ActionDueSoon.newBuilder().setActionId(d.id().toString())
                                .setReviewId(d.reviewId().toString()).setTitle(d.title()).setOwner(d.owner())
                                .setDueDate(d.dueDate().toString()).setWorkingDaysLeft(days.workingDaysBetween(today, d.dueDate()))
                                .build());
                        sent++;
                    }
                }
            }
            return sent;
        });
    }
}

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
import java.util.List;
import java.util.UUID;

/**
 * Tells the world once per due date that an open action is due soon ({@code due-soon-working-days} before) and that it
 * is overdue (the first working day after). The sent-for dates on the action make a second pass, or a second
 * instance, send nothing; a new due date is told about again.
 */
@Singleton
public class DueDates {

    private static final Logger LOG = LoggerFactory.getLogger(DueDates.class);

    record Due(UUID id, UUID review, String title, String owner, LocalDate due, String status) {
    }

    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final KnownTenants tenants;
    private final Clock clock;
    private final int dueSoonDays;
    private final TenantCalendar calendar;

    DueDates(TenantTx tenantTx, Outbox outbox, KnownTenants tenants, Clock clock,
             @Value("${gennemsyn.actions.due-soon-working-days:5}") int dueSoonDays, TenantCalendar calendar) {
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
            List<Due> open = tenantTx.query("""
                    select id, review_id, title, owner, due_date, status from actions
                    where status not in ('done', 'dropped') and (due_soon_sent_for is distinct from due_date
                        or overdue_sent_for is distinct from due_date)
                    for update skip locked""", rs -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                    rs.getString(3), rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6)));
            for (Due d : open) {
                if (days.workingDaysBetween(d.due(), today) >= 1) {
                    if (tenantTx.update("update actions set overdue_sent_for = due_date, due_soon_sent_for = due_date "
                            + "where id = ? and overdue_sent_for is distinct from due_date", d.id()) > 0) {
                        outbox.append(tenant, d.id().toString(), ActionOverdue.newBuilder().setActionId(d.id().toString())
                                .setReviewId(d.review().toString()).setTitle(d.title()).setOwner(d.owner())
                                .setDueDate(d.due().toString()).setStatus(d.status()).build());
                        sent++;
                    }
                } else if (!today.isBefore(days.minusWorkingDays(d.due(), dueSoonDays)) && !today.isAfter(d.due())) {
                    if (tenantTx.update("update actions set due_soon_sent_for = due_date where id = ? "
                            + "and due_soon_sent_for is distinct from due_date", d.id()) > 0) {
                        outbox.append(tenant, d.id().toString(), ActionDueSoon.newBuilder().setActionId(d.id().toString())
                                .setReviewId(d.review().toString()).setTitle(d.title()).setOwner(d.owner())
                                .setDueDate(d.due().toString()).setWorkingDaysLeft(days.workingDaysBetween(today, d.due()))
                                .build());
                        sent++;
                    }
                }
            }
            return sent;
        });
    }
}

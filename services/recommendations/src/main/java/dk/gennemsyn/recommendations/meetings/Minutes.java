package dk.gennemsyn.recommendations.meetings;

import dk.gennemsyn.platform.calendar.WorkingDays;
import dk.gennemsyn.platform.db.KnownTenants;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.proto.recommendations.v1.AgendaReady;
import dk.gennemsyn.proto.recommendations.v1.MinutesApproved;
import dk.gennemsyn.recommendations.access.Access;
import dk.gennemsyn.recommendations.calendar.TenantCalendar;
import dk.gennemsyn.recommendations.plans.Health;
import dk.gennemsyn.recommendations.plans.Plans;
import dk.gennemsyn.recommendations.recs.Recommendations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A meeting's agenda and minutes: the agenda generated from the plan as it will stand on the day (and announced
 * when its material is due), the minutes written, decisions recorded (a decision on a recommendation is that
 * recommendation's decision) and the minutes approved once the meeting has been held.
 */
@Singleton
public class Minutes {

    private static final Logger LOG = LoggerFactory.getLogger(Minutes.class);

    private final Meetings meetings;
    private final MeetingRows rows;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Access access;
    private final Plans plans;
    private final Recommendations recommendations;
    private final KnownTenants tenants;
    private final TenantCalendar calendar;
    private final Clock clock;

    Minutes(Meetings meetings, MeetingRows rows, TenantTx tenantTx, Outbox outbox, Access access, Plans plans,
            Recommendations recommendations, KnownTenants tenants, TenantCalendar calendar, Clock clock) {
        this.meetings = meetings;
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.access = access;
        this.plans = plans;
        this.recommendations = recommendations;
        this.tenants = tenants;
        this.calendar = calendar;
        this.clock = clock;
    }

    public Meetings.Agenda agenda(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> {
            Meetings.Meeting m = meetings.load(id);
            access.requireRead(caller, m.reviewId());
            return agenda(m);
        });
    }

    /**
     * Inside a tenant transaction: the agenda generated from the plan as it will stand at the meeting. Once the
     * minutes are approved, the agenda the meeting had is kept as it was.
     */
    Meetings.Agenda agenda(Meetings.Meeting m) {
        List<Meetings.AgendaItem> items = new ArrayList<>();
        Plans.Board board = plans.board(m.reviewId(), m.date());
        String base = "/recommendations/reviews/" + m.reviewId();
        for (var area : board.focusAreas()) {
            for (var a : area.actions()) {
                String who = " (" + a.ownerName() + ", frist " + DanishFormat.INSTANCE.date(a.dueDate()) + ")";
                if (a.health().equals("overdue")) {
                    items.add(new Meetings.AgendaItem("Overskredne handlinger", area.title() + ": " + a.title() + who, base + "/plan#action-" + a.id()));
                } else if (a.health().equals("at_risk")) {
                    items.add(new Meetings.AgendaItem("Handlinger i risiko", area.title() + ": " + a.title() + who
                            + (a.status().equals("blocked") ? " – blokeret: " + a.statusReason() : ""), base + "/plan#action-" + a.id()));
                }
                if (Health.offTrack(a, m.date())) {
                    var v = a.latest();
                    items.add(new Meetings.AgendaItem("Indikatorer uden for kurs", a.indicator() + ": " + v.value().stripTrailingZeros()
                            .toPlainString() + " " + a.unit() + " (mål " + a.target().stripTrailingZeros().toPlainString()
                            + ", udgangspunkt " + a.baseline().stripTrailingZeros().toPlainString() + ")", base + "/plan#action-" + a.id()));
                }
            }
        }
        for (var r : recommendations.ofReview(m.reviewId())) {
            if (r.decisionDue()) {
                items.add(new Meetings.AgendaItem("Beslutninger", r.code() + " " + r.title()
                        + (r.decision() == null ? "" : " (" + r.decision().label().toLowerCase() + ")"), base + "#rec-" + r.id()));
            }
        }
        items.sort(java.util.Comparator.comparingInt(i -> List.of("Beslutninger", "Overskredne handlinger",
                "Handlinger i risiko", "Indikatorer uden for kurs").indexOf(i.section())));
        return new Meetings.Agenda(m, items);
    }

    /**
     * A decision in the minutes, linked to a recommendation of the review if it concerns one. With {@code decision}
     * (accepted, rejected, deferred) it is the recommendation's decision, taken at this meeting: recorded on the
     * recommendation with the line as its reason, in the same transaction.
     */
    public Meetings.Meeting recordDecision(Caller caller, UUID id, @Nullable UUID recommendationId, @Nullable String decision,
                                  @Nullable String body) {
        Access.requireAny(caller, Access.PLANNERS, "Kun projektleder og tovholder skriver referat.");
        String b = Recommendations.text("body", body, 4000);
        if (b.isBlank()) {
            throw ProblemException.invalid("body", "Skriv beslutningen.");
        }
        String d = decision == null || decision.isBlank() ? null : decision;
        if (d != null && recommendationId == null) {
            throw ProblemException.invalid("recommendationId", "Vælg den anbefaling, beslutningen gælder.");
        }
        return tenantTx.write(caller.tenant(), () -> {
            Meetings.Meeting m = editable(caller, id);
            if (recommendationId != null && !recommendations.load(recommendationId).reviewId().equals(m.reviewId())) {
                throw ProblemException.invalid("recommendationId", "Anbefalingen hører ikke til gennemgangen.");
            }
            if (d != null) {
                recommendations.decide(caller, recommendationId, d, b, m.date());
            }
            rows.addDecision(UUID.randomUUID(), caller.tenant(), id, recommendationId, b, d, caller.userId());
            return meetings.load(id);
        });
    }

    public Meetings.Meeting saveMinutes(Caller caller, UUID id, @Nullable String minutes) {
        Access.requireAny(caller, Access.PLANNERS, "Kun projektleder og tovholder skriver referat.");
        String text = Recommendations.text("minutes", minutes, 50_000);
        return tenantTx.write(caller.tenant(), () -> {
            editable(caller, id);
            rows.saveMinutes(id, text);
            return meetings.load(id);
        });
    }

    /** Approves the minutes: the meeting's decisions and new actions stand, and its agenda is kept as it was. */
    public Meetings.Meeting approve(Caller caller, UUID id) {
        Access.requireAny(caller, Access.LEADS, "Kun projektlederen godkender referatet.");
        return tenantTx.write(caller.tenant(), () -> {
            Meetings.Meeting m = editable(caller, id);
            if (!m.heldBy(java.time.LocalDateTime.now(clock.withZone(DanishFormat.ZONE)))) {
                throw new ProblemException(HttpStatus.CONFLICT, "meeting-ahead", "Mødet er ikke holdt endnu ("
                        + DanishFormat.INSTANCE.date(m.date()) + "). Referatet kan godkendes, når mødet er holdt.", null);
            }
            Meetings.Agenda agenda = agenda(m);
            StringBuilder kept = new StringBuilder();
            agenda.items().forEach(i -> kept.append(i.section()).append(": ").append(i.text()).append('\n'));
            rows.approve(id, caller.userId(), kept.toString());
            int actions = rows.newActions(id);
            outbox.append(caller.tenant(), id.toString(), MinutesApproved.newBuilder().setMeetingId(id.toString())
                    .setReviewId(m.reviewId().toString()).setTitle(m.title()).setDate(m.date().toString())
                    .setDecisions(m.decisions().size()).setNewActions(actions).build());
            return meetings.load(id);
        });
    }

    private Meetings.Meeting editable(Caller caller, UUID id) {
        Meetings.Meeting m = meetings.load(id);
        access.requireRead(caller, m.reviewId());
        if (m.approved()) {
            throw new ProblemException(HttpStatus.CONFLICT, "minutes-approved", "Referatet er godkendt og kan ikke ændres.", null);
        }
        return m;
    }

    @Scheduled(fixedDelay = "${gennemsyn.meetings.interval:10m}", initialDelay = "${gennemsyn.meetings.initial-delay:30s}")
    void tick() {
        for (String tenant : tenants.all()) {
            try {
                announceAgendas(tenant, LocalDate.now(clock.withZone(DanishFormat.ZONE)));
            } catch (RuntimeException e) {
                LOG.warn("agenda pass failed; tried again next round", e);
            }
        }
    }

    /** AgendaReady for each meeting whose material is due out by {@code today}, once per meeting date. */
    public int announceAgendas(String tenant, LocalDate today) {
        return tenantTx.write(tenant, () -> {
            int n = 0;
            List<UUID> due = rows.lockUnannounced(today);
            WorkingDays days = calendar.workingDays();
            for (UUID id : due) {
                Meetings.Meeting m = meetings.load(id, days);
                if (!today.isBefore(m.agendaReadyOn())) {
                    rows.markAgendaSent(id);
                    outbox.append(tenant, id.toString(), AgendaReady.newBuilder().setMeetingId(id.toString())
                            .setReviewId(m.reviewId().toString()).setTitle(m.title()).setDate(m.date().toString())
                            .setItems(agenda(m).items().size()).addAllParticipants(meetings.participants(m)).build());
                    n++;
                }
            }
            return n;
        });
    }
}

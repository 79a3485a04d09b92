package dk.gennemsyn.caseintake.reviews;

import dk.gennemsyn.caseintake.cases.Cases;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.Milestone;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.history.History;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.DanishFormat;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A review's milestones (early budget warning, meetings, validation, report): added, moved or renamed with a
 * history, removed. Each change is a new version of the review, announced whole (ReviewUpdated), so notifications
 * re-plans its reminders.
 */
@Singleton
public class Milestones {

    public record MilestoneInput(String kind, String title, LocalDate date) {
    }

    private final MilestoneRows rows;
    private final Reviews reviews;
    private final Membership membership;
    private final TenantTx tenantTx;
    private final History history;

    Milestones(MilestoneRows rows, Reviews reviews, Membership membership, TenantTx tenantTx, History history) {
        this.rows = rows;
        this.reviews = reviews;
        this.membership = membership;
        this.tenantTx = tenantTx;
        this.history = history;
    }

    public Milestone add(Caller caller, UUID reviewId, MilestoneInput in) {
        MilestoneInput v = checked(in);
        return tenantTx.write(caller.tenant(), () -> {
            Reviews.requireOpen(reviews.load(reviewId));
            MilestoneRow row = rows.save(new MilestoneRow(UUID.randomUUID(), caller.tenant(), reviewId, v.kind(), v.title(),
                    v.date(), 1));
            reviews.changed(caller.tenant(), reviewId);
            return row.view();
        });
    }

    /**
     * A milestone moved or renamed; a change from a stale version is refused. Notifications re-plans its reminders
     * from the review's new snapshot, and the change is in the milestone's history.
     */
    public Milestone update(Caller caller, UUID reviewId, UUID milestoneId, long expectedVersion, MilestoneInput in) {
        MilestoneInput v = checked(in);
        return tenantTx.write(caller.tenant(), () -> {
            Reviews.requireOpen(reviews.load(reviewId));
            Milestone before = milestone(reviewId, milestoneId);
            if (rows.change(milestoneId, reviewId, expectedVersion, v.kind(), v.title(), v.date()) == 0) {
                throw new ProblemException(HttpStatus.CONFLICT, "stale",
                        "Milepælen er ændret af en anden imens. Hent siden igen og gentag ændringen.", null);
            }
            Milestone after = milestone(reviewId, milestoneId);
            history.record(caller, milestoneId, shown(before), shown(after));
            reviews.changed(caller.tenant(), reviewId);
            return after;
        });
    }

    /** Who moved or renamed a milestone, and when (newest first). */
    public List<History.Entry> changes(Caller caller, UUID reviewId, UUID milestoneId) {
        return tenantTx.read(caller.tenant(), () -> {
            reviews.load(reviewId);
            membership.requireReviewAccess(caller, reviewId);
            milestone(reviewId, milestoneId);
            return history.of(milestoneId, user -> reviews.people(reviewId).stream()
                    .filter(p -> p.userId().equals(user)).map(ReviewRecords.Person::name).filter(Objects::nonNull)
                    .findFirst().orElse(user));
        });
    }

    public void remove(Caller caller, UUID reviewId, UUID milestoneId) {
        tenantTx.write(caller.tenant(), () -> {
            Reviews.requireOpen(reviews.load(reviewId));
            if (rows.remove(milestoneId, reviewId) == 0) {
                throw ProblemException.notFound("Milepælen findes ikke.");
            }
            reviews.changed(caller.tenant(), reviewId);
        });
    }

    private Milestone milestone(UUID reviewId, UUID milestoneId) {
        return rows.findByIdAndReviewId(milestoneId, reviewId).map(MilestoneRow::view)
                .orElseThrow(() -> ProblemException.notFound("Milepælen findes ikke."));
    }

    private static Map<String, String> shown(Milestone m) {
        return History.values("Type", m.kindLabel(), "Titel", m.title(), "Dato", DanishFormat.INSTANCE.date(m.date()));
    }

    private static MilestoneInput checked(MilestoneInput in) {
        if (!ReviewRecords.MILESTONE_KINDS.containsKey(in.kind())) {
            throw ProblemException.invalid("kind", "Ukendt milepælstype. Vælg en af: "
                    + String.join(", ", ReviewRecords.MILESTONE_KINDS.keySet()) + ".");
        }
        if (in.date() == null) {
            throw ProblemException.invalid("date", "Angiv milepælens dato.");
        }
        String title = Cases.text("title", in.title(), 200);
        return new MilestoneInput(in.kind(), title.isBlank() ? ReviewRecords.MILESTONE_KINDS.get(in.kind()) : title,
                in.date());
    }
}

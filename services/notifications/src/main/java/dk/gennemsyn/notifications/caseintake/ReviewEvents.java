package dk.gennemsyn.notifications.caseintake;

import dk.gennemsyn.notifications.calendar.Invitations;
import dk.gennemsyn.notifications.deadlines.Deadlines;
import dk.gennemsyn.notifications.reviews.ReviewCopies;
import dk.gennemsyn.proto.caseintake.v1.Review;
import jakarta.inject.Singleton;

/** What a review snapshot changes here: the copy of its people, its deadlines and its meeting invitations. */
@Singleton
class ReviewEvents {

    private final ReviewCopies copies;
    private final Deadlines deadlines;
    private final Invitations invitations;

    ReviewEvents(ReviewCopies copies, Deadlines deadlines, Invitations invitations) {
        this.copies = copies;
        this.deadlines = deadlines;
        this.invitations = invitations;
    }

    /** Inside the handler's transaction; an older snapshot than the copy changes nothing. */
    void apply(String tenant, Review r) {
        if (copies.apply(tenant, r)) {
            deadlines.syncMilestones(tenant, r);
            invitations.sync(tenant, r);
        }
    }
}

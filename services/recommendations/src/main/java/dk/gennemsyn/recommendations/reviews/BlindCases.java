package dk.gennemsyn.recommendations.reviews;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.MultiEventHandler;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.assessment.v1.SecondReviewAssigned;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The cases whose blind second review is under way, with their reviewers: none of them may see the case's findings
 * here until both rounds are submitted, whatever other roles they hold.
 */
@Singleton
public class BlindCases implements MultiEventHandler {

    private final ReviewRows rows;

    BlindCases(ReviewRows rows) {
        this.rows = rows;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(SecondReviewAssigned.class, SecondReviewCompleted.class);
    }

    @Override
    public void handle(EventContext context, Message event) {
        if (event instanceof SecondReviewAssigned e) {
            rows.blind(context.tenant(), UUID.fromString(e.getReviewId()), UUID.fromString(e.getCaseId()),
                    e.getReviewersList().toArray(String[]::new));
        } else if (event instanceof SecondReviewCompleted e) {
            rows.blindnessEnded(context.tenant(), UUID.fromString(e.getReviewId()), UUID.fromString(e.getCaseId()));
        }
    }

    /** Inside a tenant transaction: the review's cases the caller reviews while they are blind. */
    public Set<UUID> forCaller(Caller caller, UUID review) {
        return new HashSet<>(rows.blindTo(review, caller.userId()));
    }
}

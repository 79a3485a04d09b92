package dk.gennemsyn.recommendations.reviews;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.db.TenantTx;
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

    private final TenantTx tenantTx;

    BlindCases(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(SecondReviewAssigned.class, SecondReviewCompleted.class);
    }

    @Override
    public void handle(EventContext context, Message event) {
        if (event instanceof SecondReviewAssigned e) {
            tenantTx.update("""
                    insert into blind_cases (tenant, review_id, case_id, reviewers, completed) values (?, ?::uuid, ?::uuid, ?, false)
                    on conflict (review_id, case_id) do update set reviewers = excluded.reviewers""",
                    context.tenant(), e.getReviewId(), e.getCaseId(), tenantTx.array("text", e.getReviewersList()));
        } else if (event instanceof SecondReviewCompleted e) {
            tenantTx.update("""
                    insert into blind_cases (tenant, review_id, case_id, reviewers, completed) values (?, ?::uuid, ?::uuid, '{}', true)
                    on conflict (review_id, case_id) do update set completed = true""",
                    context.tenant(), e.getReviewId(), e.getCaseId());
        }
    }

    /** Inside a tenant transaction: the review's cases the caller reviews while they are blind. */
    public Set<UUID> forCaller(Caller caller, UUID review) {
        return new HashSet<>(tenantTx.query(
                "select case_id from blind_cases where review_id = ? and not completed and ? = any(reviewers)",
                rs -> rs.getObject(1, UUID.class), review, caller.userId()));
    }
}

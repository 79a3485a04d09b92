package dk.gennemsyn.notifications.reviews;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Notifications' copy of each review's title, state and people with their e-mail and access window, from case-intake's
 * review events (newest version wins): who is the tovholder, who sits in the steering group, who may still be reached.
 */
@Singleton
public class ReviewCopies {

    /** Someone who can receive a message. */
    @Introspected
    public record Recipient(String userId, String name, String email) {
    }

    public record ReviewRef(UUID id, String title, String state) {
    }

    private final ReviewRows rows;
    private final TenantTx tenantTx;

    ReviewCopies(ReviewRows rows, TenantTx tenantTx) {
        this.rows = rows;
        this.tenantTx = tenantTx;
    }

    /** Inside the handler's transaction. False if the snapshot is older than the copy. */
    public boolean apply(String tenant, Review r) {
        UUID review = UUID.fromString(r.getReviewId());
        if (rows.applyNewer(review, tenant, r.getTitle(), r.getState(), r.getVersion()) == 0) {
            return false;
        }
        rows.forgetPeople(review);
        for (ReviewPerson p : r.getPeopleList()) {
            rows.addPerson(tenant, review, p.getUserId(), p.getName(), p.getEmail(), p.getRole(),
                    p.getAccessTo().isEmpty() ? null : Instant.parse(p.getAccessTo()), p.getRevoked());
        }
        return true;
    }

    /** Inside a tenant transaction. */
    public Optional<ReviewRef> find(@Nullable UUID id) {
        if (id == null) {
            return Optional.empty();
        }
        return rows.find(id).map(ReviewRow::view);
    }

    /** Inside a tenant transaction: the review's people in these roles who can still be reached (not revoked, not expired). */
    public List<Recipient> inRoles(UUID review, List<String> roles, Instant now) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return rows.inRoles(review, roles, now);
    }

    /** Inside a tenant transaction: one person of the review, if they can still be reached. */
    public Optional<Recipient> person(UUID review, String userId, Instant now) {
        return rows.person(review, userId, now);
    }

    /** Inside a tenant transaction: whether the review has (or had) the person at all. */
    public boolean knows(UUID review, String userId) {
        return rows.knows(review, userId);
    }

    /** Inside a tenant transaction: the person's e-mail address from any review they are (or were) in. */
    public Optional<String> address(String userId) {
        return rows.address(userId);
    }

    /**
     * The reviews a person may mute: the ones they are (or were) in. The project manager, coordinator and administrator
     * run the municipality's reviews and see them all; nobody else learns another review's title here.
     */
    public List<ReviewRef> mutable(dk.gennemsyn.platform.security.Caller caller) {
        boolean all = caller.hasAnyRole(List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.TENANT_ADMIN));
        return tenantTx.read(caller.tenant(), () -> (all ? rows.byTitle() : rows.byTitleOf(caller.userId())).stream()
                .map(ReviewRow::view).toList());
    }
}

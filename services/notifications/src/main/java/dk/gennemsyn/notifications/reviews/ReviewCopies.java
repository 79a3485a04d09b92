package dk.gennemsyn.notifications.reviews;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
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
    public record Recipient(String userId, String name, String email) {
    }

    public record ReviewRef(UUID id, String title, String state) {
    }

    private final TenantTx tenantTx;

    ReviewCopies(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    /** Inside the handler's transaction. False if the snapshot is older than the copy. */
    public boolean apply(String tenant, Review r) {
        int applied = tenantTx.update("""
                insert into reviews (review_id, tenant, title, state, version) values (?::uuid, ?, ?, ?, ?)
                on conflict (review_id) do update set title = excluded.title, state = excluded.state,
                    version = excluded.version
                where reviews.version < excluded.version""",
                r.getReviewId(), tenant, r.getTitle(), r.getState(), r.getVersion());
        if (applied == 0) {
            return false;
        }
        tenantTx.update("delete from review_people where review_id = ?::uuid", r.getReviewId());
        for (ReviewPerson p : r.getPeopleList()) {
            tenantTx.update("""
                    insert into review_people (tenant, review_id, user_id, name, email, role, access_to, revoked)
                    values (?, ?::uuid, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    tenant, r.getReviewId(), p.getUserId(), p.getName(), p.getEmail(), p.getRole(),
                    p.getAccessTo().isEmpty() ? null : Timestamp.from(Instant.parse(p.getAccessTo())), p.getRevoked());
        }
        return true;
    }

    /** Inside a tenant transaction. */
    public Optional<ReviewRef> find(@Nullable UUID id) {
        if (id == null) {
            return Optional.empty();
        }
        return tenantTx.query("select review_id, title, state from reviews where review_id = ?",
                rs -> new ReviewRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)), id).stream().findFirst();
    }

    /** Inside a tenant transaction: the review's people in these roles who can still be reached (not revoked, not expired). */
    public List<Recipient> inRoles(UUID review, List<String> roles, Instant now) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return tenantTx.query("""
                select user_id, min(name), max(email) from review_people
                where review_id = ? and role = any(?) and not revoked and (access_to is null or access_to > ?)
                group by user_id order by user_id""",
                rs -> new Recipient(rs.getString(1), rs.getString(2), rs.getString(3)),
                review, roles.toArray(String[]::new), now);
    }

    /** Inside a tenant transaction: one person of the review, if they can still be reached. */
    public Optional<Recipient> person(UUID review, String userId, Instant now) {
        return tenantTx.query("""
                select user_id, min(name), max(email) from review_people
                where review_id = ? and user_id = ? and not revoked and (access_to is null or access_to > ?)
                group by user_id""",
                rs -> new Recipient(rs.getString(1), rs.getString(2), rs.getString(3)), review, userId, now)
                .stream().findFirst();
    }

    /** Inside a tenant transaction: whether the review has (or had) the person at all. */
    public boolean knows(UUID review, String userId) {
        return !tenantTx.query("select 1 from review_people where review_id = ? and user_id = ?", rs -> 1, review, userId)
                .isEmpty();
    }

    /**
     * The reviews a person may mute: the ones they are (or were) in. The project manager, coordinator and administrator
     * run the municipality's reviews and see them all; nobody else learns another review's title here.
     */
    public List<ReviewRef> mutable(dk.gennemsyn.platform.security.Caller caller) {
        boolean all = caller.hasAnyRole(List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.TENANT_ADMIN));
        return tenantTx.read(caller.tenant(), () -> tenantTx.query("select review_id, title, state from reviews r"
                        + (all ? "" : " where exists (select 1 from review_people p where p.review_id = r.review_id"
                        + " and p.user_id = ?)") + " order by title",
                rs -> new ReviewRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                all ? new Object[0] : new Object[] {caller.userId()}));
    }
}

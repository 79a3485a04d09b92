package dk.gennemsyn.recommendations.reviews;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Recommendations' copy of each review's title, state and people, from case-intake's review events (newest wins). */
@Singleton
public class ReviewCopies {

    @Serdeable
    public record ReviewRef(UUID id, String title, String state) {
    }

    @Serdeable
    public record Person(String userId, String name, String role) {
    }

    private final TenantTx tenantTx;

    ReviewCopies(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    /** Inside the handler's transaction. */
    void apply(String tenant, Review r) {
        int applied = tenantTx.update("""
                insert into reviews (review_id, tenant, title, state, version) values (?::uuid, ?, ?, ?, ?)
                on conflict (review_id) do update set title = excluded.title, state = excluded.state, version = excluded.version
                where reviews.version < excluded.version""", r.getReviewId(), tenant, r.getTitle(), r.getState(), r.getVersion());
        if (applied == 0) {
            return;
        }
        tenantTx.update("delete from review_people where review_id = ?::uuid", r.getReviewId());
        for (ReviewPerson p : r.getPeopleList()) {
            tenantTx.update("""
                    insert into review_people (tenant, review_id, user_id, name, role, access_from, access_to, revoked)
                    values (?, ?::uuid, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    tenant, r.getReviewId(), p.getUserId(), p.getName(), p.getRole(), timestamp(p.getAccessFrom()),
                    timestamp(p.getAccessTo()), p.getRevoked());
        }
    }

    /** Inside a tenant transaction. */
    public Optional<ReviewRef> find(UUID id) {
        return tenantTx.query("select review_id, title, state from reviews where review_id = ?",
                rs -> new ReviewRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)), id).stream().findFirst();
    }

    /** Inside a tenant transaction. */
    public List<ReviewRef> list() {
        return tenantTx.query("select review_id, title, state from reviews order by title",
                rs -> new ReviewRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
    }

    /** Inside a tenant transaction: the review's people (one row per person and role). */
    public List<Person> people(UUID review) {
        return tenantTx.query("select user_id, name, role from review_people where review_id = ? and not revoked "
                        + "order by role, name", rs -> new Person(rs.getString(1), rs.getString(2), rs.getString(3)), review);
    }

    /** Inside a tenant transaction: a person's name in the review (their user id if unknown). */
    public String name(UUID review, String userId) {
        return tenantTx.query("select min(name) from review_people where review_id = ? and user_id = ?",
                rs -> rs.getString(1), review, userId).stream().filter(java.util.Objects::nonNull).findFirst().orElse(userId);
    }

    /** Inside a tenant transaction. */
    public boolean isActiveMember(UUID review, String userId, Instant now) {
        return !tenantTx.query("""
                select 1 from review_people where review_id = ? and user_id = ? and not revoked
                and (access_from is null or access_from <= ?) and (access_to is null or access_to > ?)""",
                rs -> 1, review, userId, now, now).isEmpty();
    }

    private static Timestamp timestamp(String instant) {
        return instant.isEmpty() ? null : Timestamp.from(Instant.parse(instant));
    }
}

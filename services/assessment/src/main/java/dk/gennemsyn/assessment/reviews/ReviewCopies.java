package dk.gennemsyn.assessment.reviews;

import dk.gennemsyn.assessment.instruments.Instruments;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Assessment's copy of each review's setup and people (from case-intake's review events; newest version wins). */
@Singleton
public class ReviewCopies {

    @Serdeable
    public record ReviewRef(UUID id, String title, String state, String instrumentId) {
    }

    @Serdeable
    public record Person(String userId, String name, String role, Instant accessFrom, Instant accessTo,
                         boolean revoked) {

        public boolean activeAt(Instant now) {
            return !revoked && (accessFrom == null || !now.isBefore(accessFrom))
                    && (accessTo == null || now.isBefore(accessTo));
        }
    }

    private final TenantTx tenantTx;
    private final Instruments instruments;

    ReviewCopies(TenantTx tenantTx, Instruments instruments) {
        this.tenantTx = tenantTx;
        this.instruments = instruments;
    }

    /** Inside the handler's transaction. A tenant's first review seeds (and publishes) the shipped instruments. */
    void apply(String tenant, Review r) {
        instruments.ensureShipped(tenant);
        int applied = tenantTx.update("""
                insert into reviews (review_id, tenant, title, state, instrument_id, version) values (?::uuid, ?, ?, ?, ?, ?)
                on conflict (review_id) do update set title = excluded.title, state = excluded.state,
                    instrument_id = excluded.instrument_id, version = excluded.version
                where reviews.version < excluded.version""",
                r.getReviewId(), tenant, r.getTitle(), r.getState(), r.getInstrumentId(), r.getVersion());
        if (applied == 0) {
            return;
        }
        tenantTx.update("delete from review_people where review_id = ?::uuid", r.getReviewId());
        for (ReviewPerson p : r.getPeopleList()) {
            tenantTx.update("""
                    insert into review_people (tenant, review_id, user_id, name, role, access_from, access_to, revoked)
                    values (?, ?::uuid, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    tenant, r.getReviewId(), p.getUserId(), p.getName(), p.getRole(), instant(p.getAccessFrom()),
                    instant(p.getAccessTo()), p.getRevoked());
        }
    }

    private static Timestamp instant(String iso) {
        return iso.isEmpty() ? null : Timestamp.from(Instant.parse(iso));
    }

    /** Inside TenantTx. */
    public List<ReviewRef> list() {
        return tenantTx.query("select review_id, title, state, instrument_id from reviews order by title", ReviewCopies::ref);
    }

    /** Inside TenantTx. */
    public java.util.Optional<ReviewRef> find(UUID id) {
        return tenantTx.query("select review_id, title, state, instrument_id from reviews where review_id = ?",
                ReviewCopies::ref, id).stream().findFirst();
    }

    private static ReviewRef ref(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ReviewRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    /** Inside TenantTx. */
    public List<Person> people(UUID reviewId) {
        return tenantTx.query("""
                select user_id, name, role, access_from, access_to, revoked from review_people
                where review_id = ? order by name, role""",
                rs -> new Person(rs.getString(1), rs.getString(2), rs.getString(3), toInstant(rs.getTimestamp(4)),
                        toInstant(rs.getTimestamp(5)), rs.getBoolean(6)), reviewId);
    }

    private static Instant toInstant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

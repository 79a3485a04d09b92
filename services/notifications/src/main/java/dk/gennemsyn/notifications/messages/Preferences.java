package dk.gennemsyn.notifications.messages;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Each user's own settings: e-mail on or off, digest frequency, reviews muted. Urgent messages ignore all three. */
@Singleton
public class Preferences {

    @Serdeable
    public record Preference(boolean email, String digest, List<UUID> mutedReviews, long version) {

        public boolean muted(UUID review) {
            return review != null && mutedReviews.contains(review);
        }
    }

    public static final Map<String, String> DIGESTS = Map.of(
            "none", "Send hver besked med det samme", "daily", "Samlet én gang om dagen", "weekly", "Samlet én gang om ugen");
    static final Preference DEFAULT = new Preference(true, "none", List.of(), 0);

    private final TenantTx tenantTx;

    Preferences(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    public Preference of(Caller caller) {
        return tenantTx.read(caller.tenant(), () -> load(caller.userId()));
    }

    /** Inside a tenant transaction. */
    public Preference load(String userId) {
        return tenantTx.query("select email, digest, muted_reviews, version from preferences where user_id = ?",
                rs -> new Preference(rs.getBoolean(1), rs.getString(2),
                        Arrays.asList((UUID[]) rs.getArray(3).getArray()), rs.getLong(4)), userId)
                .stream().findFirst().orElse(DEFAULT);
    }

    /** {@code expectedVersion}: the version the user saw (0 before the first save). */
    public Preference save(Caller caller, long expectedVersion, boolean email, String digest, List<UUID> muted) {
        if (digest == null || !DIGESTS.containsKey(digest)) {
            throw ProblemException.invalid("digest", "Vælg hvor ofte: med det samme, dagligt eller ugentligt.");
        }
        return tenantTx.write(caller.tenant(), () -> {
            Preference current = load(caller.userId());
            if (current.version() != expectedVersion) {
                throw new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                        "Indstillingerne er ændret et andet sted, siden du hentede dem. Hent dem igen.", null);
            }
            try {
                tenantTx.update("""
                        insert into preferences (tenant, user_id, email, digest, muted_reviews) values (?, ?, ?, ?, ?)
                        on conflict (tenant, user_id) do update set email = excluded.email, digest = excluded.digest,
                            muted_reviews = excluded.muted_reviews, version = preferences.version + 1""",
                        caller.tenant(), caller.userId(), email, digest,
                        tenantTx.connection().createArrayOf("uuid", muted.stream().distinct().toArray()));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return load(caller.userId());
        });
    }
}

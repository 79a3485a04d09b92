package dk.gennemsyn.notifications.messages;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

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

    private final PreferenceRows rows;
    private final TenantTx tenantTx;

    Preferences(PreferenceRows rows, TenantTx tenantTx) {
        this.rows = rows;
        this.tenantTx = tenantTx;
    }

    public Preference of(Caller caller) {
        return tenantTx.read(caller.tenant(), () -> load(caller.userId()));
    }

    /** Inside a tenant transaction. */
    public Preference load(String userId) {
        return rows.find(userId).map(PreferenceRow::view).orElse(DEFAULT);
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
            rows.write(caller.tenant(), caller.userId(), email, digest,
                    muted.stream().distinct().map(UUID::toString).toArray(String[]::new));
            return load(caller.userId());
        });
    }
}

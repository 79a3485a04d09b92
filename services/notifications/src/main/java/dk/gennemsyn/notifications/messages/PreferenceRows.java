package dk.gennemsyn.notifications.messages;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PreferenceRows extends GenericRepository<PreferenceRow, String> {

    @Query("""
            select tenant, user_id, email, digest, cast(muted_reviews as text[]) as muted_reviews, version
            from preferences where user_id = :userId""")
    Optional<PreferenceRow> find(String userId);

    /** The user's settings, first saved or changed (a new version); {@code mutedReviews} are review ids. */
    @Query("""
            insert into preferences (tenant, user_id, email, digest, muted_reviews)
            values (:tenant, :userId, :email, :digest, cast(:mutedReviews as uuid[]))
            on conflict (tenant, user_id) do update set email = excluded.email, digest = excluded.digest,
                muted_reviews = excluded.muted_reviews, version = preferences.version + 1""")
    long write(String tenant, String userId, boolean email, String digest, String[] mutedReviews);
}

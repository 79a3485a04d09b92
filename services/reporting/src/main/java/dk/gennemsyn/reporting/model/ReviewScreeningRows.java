package dk.gennemsyn.reporting.model;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The review's screening summaries and the legal rules' names they carry (legal_rules).
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReviewScreeningRows extends GenericRepository<ReviewScreeningRow, UUID> {

    @Introspected
    record RuleTitle(String rule, String title) {
    }

    /** The summary; an older one (by {@code computedAt}) than the one kept changes nothing. */
    @Query("""
            insert into review_screenings (review_id, tenant, cases, rules, computed_at)
            values (:reviewId, :tenant, :cases, cast(:rules as jsonb), :computedAt)
            on conflict (review_id) do update set cases = excluded.cases, rules = excluded.rules,
                computed_at = excluded.computed_at
            where review_screenings.computed_at < excluded.computed_at""")
    long summarise(UUID reviewId, String tenant, int cases, String rules, Instant computedAt);

    /** A legal rule's Danish title and paragraph, as the newest summary names it. */
    @Query("""
            insert into legal_rules (tenant, rule, title, paragraph) values (:tenant, :rule, :title, :paragraph)
            on conflict (tenant, rule) do update set title = excluded.title, paragraph = excluded.paragraph""")
    long nameRule(String tenant, String rule, String title, String paragraph);

    /** The review's rule lines as JSON text. */
    @Query("select cast(rules as text) from review_screenings where review_id = :reviewId")
    Optional<String> rules(UUID reviewId);

    /** Each rule's title as the tenant's summaries carry it. */
    @Query("select distinct r->>'rule' as rule, r->>'title' as title from review_screenings s, jsonb_array_elements(s.rules) r")
    List<RuleTitle> ruleTitles();
}

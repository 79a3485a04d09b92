package dk.gennemsyn.assessment.screening;

import dk.gennemsyn.platform.db.KnownTenants;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.RuleSummary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Per legal rule, how many cases met it: for a review's selected cases or all of a tenant's cases (as the
 * Børnesagsbarometer reports it). Publishes a review's summary when it changed, coalesced every few seconds so an
 * import of many cases gives one event per review, not one per case.
 * Hand SQL, not a repository: aggregates over many rows (counts grouped by rule and result), the dirty queue drained
 * with one delete ... returning, and a summary stored only when it changed (conditional upsert).
 */
@Singleton
public class ScreeningSummaries {

    private static final Logger LOG = LoggerFactory.getLogger(ScreeningSummaries.class);

    /** One rule's counts; {@code shareMet} is met / (met + not met), null when no case could be judged. */
    @Serdeable
    public record RuleLine(String rule, String title, String references, int met, int notMet, int notApplicable,
                           int unknown, @Nullable Double shareMet) {
    }

    @Serdeable
    public record Summary(int cases, List<RuleLine> rules) {

        String canonical() {
            return cases + "|" + rules.stream().map(r -> r.rule + ":" + r.met + ":" + r.notMet + ":" + r.notApplicable
                    + ":" + r.unknown).collect(Collectors.joining(";"));
        }
    }

    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Clock clock;
    private final Screenings screenings;
    private final KnownTenants knownTenants;

    ScreeningSummaries(TenantTx tenantTx, Outbox outbox, Clock clock, Screenings screenings,
                       KnownTenants knownTenants) {
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.clock = clock;
        this.screenings = screenings;
        this.knownTenants = knownTenants;
    }

    /** Inside TenantTx. A null review: all the tenant's cases. */
    public Summary summary(@Nullable UUID reviewId) {
        Map<String, int[]> counts = new HashMap<>();
        String sql = reviewId == null
                ? "select rule, result, count(*) from screening_results group by 1, 2"
                : """
                  select s.rule, s.result, count(*) from review_selections rs
                  join screening_results s on s.case_id = rs.case_id where rs.review_id = ? group by 1, 2""";
        tenantTx.query(sql, rs -> {
            int[] c = counts.computeIfAbsent(rs.getString(1), k -> new int[4]);
            c[Outcome.ofCode(rs.getString(2)).ordinal()] = rs.getInt(3);
            return null;
        }, reviewId == null ? new Object[0] : new Object[] {reviewId});
        int cases = reviewId == null
                ? tenantTx.query("select count(*) from known_cases", rs -> rs.getInt(1)).get(0)
                : tenantTx.query("select count(*) from review_selections where review_id = ?", rs -> rs.getInt(1),
                reviewId).get(0);
        List<RuleLine> lines = new ArrayList<>();
        for (LegalRule rule : LegalRule.values()) {
            int[] c = counts.getOrDefault(rule.code, new int[4]);
            int met = c[Outcome.MET.ordinal()];
            int notMet = c[Outcome.NOT_MET.ordinal()];
            lines.add(new RuleLine(rule.code, rule.title, rule.references(), met, notMet,
                    c[Outcome.NOT_APPLICABLE.ordinal()], c[Outcome.UNKNOWN.ordinal()],
                    met + notMet == 0 ? null : (double) met / (met + notMet)));
        }
        return new Summary(cases, lines);
    }

    @Scheduled(fixedDelay = "${gennemsyn.screening.summary-interval:2s}", initialDelay = "5s")
    void publishChanged() {
        for (String tenant : tenants()) {
            try {
                int published = publishChanged(tenant);
                if (published > 0) {
                    LOG.info("published {} review screening summaries", published);
                }
            } catch (RuntimeException e) {
                LOG.warn("review screening summaries failed; tried again next round", e);
            }
        }
    }

    /** Computes the dirty reviews' summaries and publishes those that changed. */
    int publishChanged(String tenant) {
        return tenantTx.write(tenant, () -> {
            List<UUID> dirty = tenantTx.query("delete from screening_dirty_reviews returning review_id",
                    rs -> rs.getObject(1, UUID.class));
            int published = 0;
            for (UUID review : dirty) {
                Summary s = summary(review);
                String now = clock.instant().toString();
                int changed = tenantTx.update("""
                        insert into review_screening_summaries (tenant, review_id, summary, computed_at)
                        values (?, ?, ?, ?::timestamptz)
                        on conflict (review_id) do update set summary = excluded.summary, computed_at = excluded.computed_at
                        where review_screening_summaries.summary <> excluded.summary""",
                        tenant, review, s.canonical(), now);
                if (changed > 0) {
                    ReviewScreeningSummaryChanged.Builder e = ReviewScreeningSummaryChanged.newBuilder()
                            .setReviewId(review.toString()).setCases(s.cases()).setComputedAt(now);
                    s.rules().forEach(l -> e.addRules(event(l)));
                    outbox.append(tenant, review.toString(), e.build());
                    published++;
                }
            }
            return published;
        });
    }

    static RuleSummary event(RuleLine l) {
        return RuleSummary.newBuilder().setRule(l.rule()).setTitle(l.title())
                .setParagraph(LegalRule.ofCode(l.rule()).map(LegalRule::paragraphs).orElse("")).setMet(l.met())
                .setNotMet(l.notMet()).setNotApplicable(l.notApplicable()).setUnknown(l.unknown()).build();
    }

    /** Daily deadlines: a result waiting for a deadline is computed again once the day has passed. */
    @Scheduled(fixedDelay = "${gennemsyn.screening.recheck-interval:1h}", initialDelay = "1m")
    void recheckDue() {
        for (String tenant : tenants()) {
            try {
                int n = screenings.recheckDue(tenant);
                if (n > 0) {
                    LOG.info("screened {} cases again after a deadline passed", n);
                }
            } catch (RuntimeException e) {
                LOG.warn("screening recheck failed; tried again next round", e);
            }
        }
    }

    private List<String> tenants() {
        return knownTenants.all();
    }
}

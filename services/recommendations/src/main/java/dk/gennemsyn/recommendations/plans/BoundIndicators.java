package dk.gennemsyn.recommendations.plans;

import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.RuleSummary;
import dk.gennemsyn.proto.assessment.v1.TenantScreeningMeasured;
import dk.gennemsyn.proto.recommendations.v1.IndicatorRecorded;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Closes the loop: an action's indicator can be bound to a legal rule the screening computes (e.g. "Børnefaglig
 * undersøgelse afsluttet inden for 4 måneder"). Its baseline is the review's own sample; every case-system import
 * after that re-measures all the tenant's cases and adds the share that met the rule as the indicator's next value,
 * so the curve runs from the review to now without anyone typing a number.
 */
@Singleton
public class BoundIndicators {

    static final String UNIT = "%";

    private final TenantScreenings tenantScreenings;
    private final ReviewScreenings reviewScreenings;
    private final ActionRows actions;
    private final Outbox outbox;

    BoundIndicators(TenantScreenings tenantScreenings, ReviewScreenings reviewScreenings, ActionRows actions,
                    Outbox outbox) {
        this.tenantScreenings = tenantScreenings;
        this.reviewScreenings = reviewScreenings;
        this.actions = actions;
        this.outbox = outbox;
    }

    /** Met as a percent of the judged cases, one decimal; null when none could be judged. */
    @Nullable
    static BigDecimal percent(int met, int notMet) {
        return met + notMet == 0 ? null
                : BigDecimal.valueOf(met * 100L).divide(BigDecimal.valueOf(met + notMet), 1, RoundingMode.HALF_UP);
    }

    /** Inside a tenant transaction: the rules an indicator of this review can be bound to, code → Danish name. */
    public Map<String, String> rules(UUID review) {
        Map<String, String> m = new LinkedHashMap<>();
        reviewScreenings.findByReviewIdOrderByRule(review).forEach(r -> m.put(r.rule(), r.title()));
        tenantScreenings.newestPerRule().forEach(r -> m.putIfAbsent(r.rule(), r.title()));
        return m;
    }

    /**
     * Inside a tenant transaction: the action's input with a bound rule completed. The indicator is named after the
     * rule in percent; the baseline, unless typed, is the review's share (else the tenant's latest).
     */
    Plans.ActionInput complete(UUID review, Plans.ActionInput in) {
        if (in.measure() == null || in.measure().isBlank()) {
            return in;
        }
        String rule = in.measure().strip();
        var ofReview = reviewScreenings.findByReviewIdAndRule(review, rule);
        var latest = tenantScreenings.findFirstByRuleOrderByMeasuredAtDesc(rule);
        if (ofReview.isEmpty() && latest.isEmpty()) {
            throw ProblemException.invalid("measure", "Screeningen har ikke målt den regel endnu. Vælg en anden, eller mål i hånden.");
        }
        String title = ofReview.map(ReviewScreening::title).orElseGet(() -> latest.get().title());
        BigDecimal baseline = in.baseline() != null ? in.baseline()
                : ofReview.map(r -> percent(r.met(), r.notMet())).orElseGet(() -> latest.map(TenantScreening::percentMet).orElse(null));
        return new Plans.ActionInput(in.title(), in.owner(), in.startDate(), in.dueDate(),
                in.indicator() == null || in.indicator().isBlank() ? title : in.indicator(), UNIT, baseline, in.target(), rule);
    }

    /** Inside a tenant transaction, after an action was bound to a rule: the newest measurement is its first value. */
    void bound(String tenant, UUID action, String rule) {
        tenantScreenings.findFirstByRuleOrderByMeasuredAtDesc(rule).ifPresent(s -> record(tenant, action, s));
    }

    /** Inside the consumer's transaction: keeps a review's screening per rule (the newest computation wins). */
    void reviewMeasured(String tenant, ReviewScreeningSummaryChanged e) {
        UUID review = UUID.fromString(e.getReviewId());
        Instant at = Instant.parse(e.getComputedAt());
        for (RuleSummary r : e.getRulesList()) {
            var existing = reviewScreenings.findByReviewIdAndRule(review, r.getRule());
            if (existing.isEmpty()) {
                reviewScreenings.save(new ReviewScreening(UUID.randomUUID(), tenant, review, r.getRule(), r.getTitle(),
                        r.getMet(), r.getNotMet(), at));
            } else if (existing.get().computedAt().isBefore(at)) {
                reviewScreenings.update(new ReviewScreening(existing.get().id(), tenant, review, r.getRule(), r.getTitle(),
                        r.getMet(), r.getNotMet(), at));
            }
        }
    }

    /** Inside the consumer's transaction: keeps the import's measurement and gives every open bound indicator its value. */
    void tenantMeasured(String tenant, TenantScreeningMeasured e) {
        UUID importId = UUID.fromString(e.getImportId());
        if (tenantScreenings.existsByImportId(importId)) {
            return;
        }
        Instant at = Instant.parse(e.getMeasuredAt());
        for (RuleSummary r : e.getRulesList()) {
            TenantScreening s = tenantScreenings.save(new TenantScreening(UUID.randomUUID(), tenant, importId, r.getRule(),
                    r.getTitle(), r.getMet(), r.getNotMet(), at));
            actions.openBoundTo(r.getRule()).forEach(a -> record(tenant, a, s));
        }
    }

    private void record(String tenant, UUID action, TenantScreening s) {
        BigDecimal value = s.percentMet();
        if (value == null) {
            return;
        }
        var on = s.measuredAt().atZone(DanishFormat.ZONE).toLocalDate();
        if (actions.addMeasuredValue(UUID.randomUUID(), tenant, action, value, on, s.measuredAt(), s.importId()) > 0) {
            actions.findById(action).ifPresent(a -> outbox.append(tenant, action.toString(), IndicatorRecorded.newBuilder()
                    .setActionId(action.toString()).setReviewId(a.reviewId().toString()).setIndicator(a.indicator())
                    .setValue(value.doubleValue()).setBaseline(a.baseline() == null ? 0 : a.baseline().doubleValue())
                    .setTarget(a.target() == null ? 0 : a.target().doubleValue()).setMeasuredOn(on.toString()).build()));
        }
    }
}

package dk.gennemsyn.reporting.recommendations;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.MultiEventHandler;
import dk.gennemsyn.proto.recommendations.v1.RecommendationDecided;
import dk.gennemsyn.proto.recommendations.v1.RecommendationIssued;
import dk.gennemsyn.reporting.retained.EventArchive;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reporting's model of the recommendations: which finding each rests on and the standing decision (the events are
 * archived too). An issue older than the copy changes nothing; the latest decision by its time wins.
 */
@Singleton
public class RecommendationProjection implements MultiEventHandler {

    static final Map<String, String> DECISIONS = Map.of("accepted", "Vedtaget", "rejected", "Afvist",
            "deferred", "Udsat", "reopened", "Genåbnet");

    private final RecommendationCopies copies;
    private final RecommendationFindings findings;
    private final EventArchive archive;

    RecommendationProjection(RecommendationCopies copies, RecommendationFindings findings, EventArchive archive) {
        this.copies = copies;
        this.findings = findings;
        this.archive = archive;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(RecommendationIssued.class, RecommendationDecided.class);
    }

    @Override
    public void handle(EventContext c, Message event) {
        archive.keep(c, event);
        if (event instanceof RecommendationIssued e) {
            issued(c.tenant(), e);
        } else if (event instanceof RecommendationDecided e) {
            decided(c, e);
        }
    }

    private void issued(String tenant, RecommendationIssued e) {
        UUID id = UUID.fromString(e.getRecommendationId());
        var existing = copies.findById(id);
        if (existing.isPresent() && existing.get().version() >= e.getVersion()) {
            return;
        }
        RecommendationCopy copy = new RecommendationCopy(id, tenant, UUID.fromString(e.getReviewId()), e.getCode(),
                e.getTitle(), e.getVersion(), existing.map(RecommendationCopy::decision).orElse(null),
                existing.map(RecommendationCopy::decidedAt).orElse(null));
        if (existing.isPresent()) {
            copies.update(copy);
        } else {
            copies.save(copy);
        }
        findings.deleteByRecommendationId(id);
        e.getFindingIdsList().stream().distinct().forEach(f -> findings.save(
                new RecommendationFinding(UUID.randomUUID(), tenant, id, UUID.fromString(f))));
    }

    private void decided(EventContext c, RecommendationDecided e) {
        UUID id = UUID.fromString(e.getRecommendationId());
        var existing = copies.findById(id);
        RecommendationCopy base = existing.orElseGet(() -> new RecommendationCopy(id, c.tenant(),
                UUID.fromString(e.getReviewId()), e.getCode(), e.getTitle(), 0, null, null));
        if (base.decidedAt() != null && !base.decidedAt().isBefore(c.occurredAt())) {
            return;
        }
        RecommendationCopy decided = new RecommendationCopy(id, c.tenant(), base.reviewId(), base.code(), base.title(),
                base.version(), e.getDecision(), c.occurredAt());
        if (existing.isPresent()) {
            copies.update(decided);
        } else {
            copies.save(decided);
        }
    }

    /**
     * Inside a tenant transaction: per case of the review (of those given), the recommendations resting on its
     * findings with their standing decision ("A2 (Vedtaget)").
     */
    public Map<UUID, List<String>> perCase(UUID review, java.util.Collection<UUID> cases) {
        Map<UUID, List<String>> out = new LinkedHashMap<>();
        for (RecommendationFindings.CaseRecommendation r : findings.perCase(review, cases)) {
            out.computeIfAbsent(r.caseId(), k -> new java.util.ArrayList<>()).add(r.code() + " ("
                    + (r.decision() == null ? "ikke besluttet" : DECISIONS.getOrDefault(r.decision(), r.decision())
                    .toLowerCase()) + ")");
        }
        return out;
    }

    /** Inside the consumer's transaction: the erased review's case-level links (finding ids) go. */
    public void erase(UUID review) {
        findings.deleteOfReview(review);
    }
}

package dk.gennemsyn.caseintake.reviews;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The review and its parts, as read from the database and shown by the API. */
public final class ReviewRecords {

    private ReviewRecords() {
    }

    @Serdeable
    public record Review(UUID id, String title, String commission, String purpose, String focusPoints,
                         @Nullable LocalDate periodFrom, @Nullable LocalDate periodTo, List<String> reviewerOrganisations,
                         String instrumentId, String state, @Nullable LocalDate retentionUntil,
                         @Nullable Instant closedAt, @Nullable Instant erasedAt, Instant createdAt, String createdBy,
                         long version) {
        public String stateLabel() {
            return ReviewState.ofCode(state).map(s -> s.label).orElse(state);
        }

        /** Is an event on this date inside the period of interest (else: context only)? */
        public boolean inPeriod(LocalDate date) {
            return (periodFrom == null || !date.isBefore(periodFrom)) && (periodTo == null || !date.isAfter(periodTo));
        }
    }

    @Serdeable
    public record Person(UUID id, String userId, String name, String email, String role, String organisation,
                         @Nullable Instant accessFrom, @Nullable Instant accessTo, @Nullable Instant revokedAt) {
        public boolean activeAt(Instant now) {
            return revokedAt == null && (accessFrom == null || !now.isBefore(accessFrom))
                    && (accessTo == null || now.isBefore(accessTo));
        }
    }

    @Serdeable
    public record Milestone(UUID id, String kind, String title, LocalDate date, long version) {
        public String kindLabel() {
            return MILESTONE_KINDS.getOrDefault(kind, kind);
        }
    }

    @Serdeable
    @Introspected
    public record StateChange(String fromState, String toState, Instant changedAt, String changedBy) {
    }

    @Serdeable
    public record ReviewDetail(Review review, List<Person> people, List<Milestone> milestones,
                               List<StateChange> history) {
    }

    /** Roles a person can have in one review. */
    public static final Map<String, String> REVIEW_ROLES = orderedMap(
            "projektleder", "Projektleder",
            "tovholder", "Tovholder",
            "styregruppe", "Styregruppemedlem",
            "reviewer", "Sagsgennemgår",
            "validator", "Validator");

    public static final Map<String, String> MILESTONE_KINDS = orderedMap(
            "budget_warning", "Tidlig budgetvarsling",
            "validation_due", "Frist for validering",
            "report_deadline", "Frist for afrapportering",
            "meeting", "Møde",
            "other", "Andet");

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}

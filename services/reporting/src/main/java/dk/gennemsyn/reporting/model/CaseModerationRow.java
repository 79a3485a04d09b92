package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A moderated answer: it overrides round 1's answer to the question. */
@MappedEntity("case_moderations")
public record CaseModerationRow(@EmbeddedId Key key, String tenant, String answer) {

    @Embeddable
    public record Key(UUID reviewId, UUID caseId, String questionId) {
    }
}

package dk.gennemsyn.assessment.assessments;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** The municipality's validation of a case's final assessment; the newest per case counts, older ones are history. */
@MappedEntity("validations")
record ValidationRow(@Id @GeneratedValue Long id, String tenant, UUID reviewId, UUID caseId, String verdict,
                     String comment, String validator, Instant validatedAt) {

    boolean disagreed() {
        return "disagree".equals(verdict);
    }
}

package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** A submitted assessment of a case: round 1, or the blind round 2; the answers as JSON. */
@MappedEntity("case_assessments")
public record CaseAssessmentRow(@EmbeddedId Key key, String tenant, String alias, String reviewer, UUID instrumentId,
                                @TypeDef(type = DataType.JSON) String answers, long yearlyCostKr, Instant submittedAt) {

    @Embeddable
    public record Key(UUID reviewId, UUID caseId, int round) {
    }
}

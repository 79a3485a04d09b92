package dk.gennemsyn.caseintake.reviews;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;
import java.util.UUID;

/** A review's milestone as stored; {@code version} (1 when added) refuses a stale change. */
@MappedEntity("milestones")
record MilestoneRow(@Id UUID id, String tenant, UUID reviewId, String kind, String title, LocalDate dueOn, long version) {

    ReviewRecords.Milestone view() {
        return new ReviewRecords.Milestone(id, kind, title, dueOn, version);
    }
}

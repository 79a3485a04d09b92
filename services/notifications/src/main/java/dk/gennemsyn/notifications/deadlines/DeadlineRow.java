package dk.gennemsyn.notifications.deadlines;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A date something is due by as stored; {@code people}: whom it concerns besides the review's roles. */
@MappedEntity("deadlines")
record DeadlineRow(@Id String id, String tenant, @Nullable UUID reviewId, String kind, String title, LocalDate dueDate,
                   @Nullable Instant closedAt, @TypeDef(type = DataType.STRING_ARRAY) String[] people) {

    Deadlines.Deadline view() {
        return new Deadlines.Deadline(id, reviewId, kind, title, dueDate, List.of(people));
    }
}

package dk.gennemsyn.reporting.reviews;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged;
import dk.gennemsyn.proto.caseintake.v1.ReviewUpdated;
import com.google.protobuf.Message;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/**
 * Reporting's copy of each review's title, state, instrument and budget early-warning date (newest version wins).
 */
@Singleton
public class ReviewTitles implements dk.gennemsyn.reporting.model.Projection {

    private final ReviewRows rows;
    private final dk.gennemsyn.reporting.retained.EventArchive archive;

    ReviewTitles(ReviewRows rows, dk.gennemsyn.reporting.retained.EventArchive archive) {
        this.rows = rows;
        this.archive = archive;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(ReviewCreated.class, ReviewUpdated.class, ReviewStateChanged.class);
    }

    @Override
    public void handle(EventContext context, Message event) {
        archive.keep(context, event);
        apply(context, event);
    }

    @Override
    public void apply(EventContext context, Message event) {
        // Each of the three carries the whole review in field "review".
        Review r = (Review) event.getField(event.getDescriptorForType().findFieldByName("review"));
        java.time.LocalDate budget = r.getMilestonesList().stream().filter(m -> m.getKind().equals("budget_warning"))
                .map(m -> java.time.LocalDate.parse(m.getDate())).min(java.util.Comparator.naturalOrder()).orElse(null);
        rows.update(java.util.UUID.fromString(r.getReviewId()), context.tenant(), r.getTitle(), r.getState(),
                r.getVersion(), r.getInstrumentId(), budget);
    }
}

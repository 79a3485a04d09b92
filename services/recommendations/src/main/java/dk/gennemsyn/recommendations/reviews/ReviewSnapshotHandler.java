package dk.gennemsyn.recommendations.reviews;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.MultiEventHandler;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged;
import dk.gennemsyn.proto.caseintake.v1.ReviewUpdated;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/** case-intake's three review events each carry the whole review (field "review"): the copy keeps the newest. */
@Singleton
class ReviewSnapshotHandler implements MultiEventHandler {

    private final ReviewCopies reviews;

    ReviewSnapshotHandler(ReviewCopies reviews) {
        this.reviews = reviews;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(ReviewCreated.class, ReviewUpdated.class, ReviewStateChanged.class);
    }

    @Override
    public void handle(EventContext context, Message event) {
        reviews.apply(context.tenant(), (Review) event.getField(event.getDescriptorForType().findFieldByName("review")));
    }
}

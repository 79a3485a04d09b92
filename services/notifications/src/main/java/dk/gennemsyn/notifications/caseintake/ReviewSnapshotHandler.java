package dk.gennemsyn.notifications.caseintake;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.MultiEventHandler;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.caseintake.v1.ReviewUpdated;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/** A review set up or changed: its people, deadlines and meeting invitations follow (ReviewStateChanged has its own). */
@Singleton
class ReviewSnapshotHandler implements MultiEventHandler {

    private final ReviewEvents reviews;

    ReviewSnapshotHandler(ReviewEvents reviews) {
        this.reviews = reviews;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(ReviewCreated.class, ReviewUpdated.class);
    }

    @Override
    public void handle(EventContext context, Message event) {
        reviews.apply(context.tenant(), (Review) event.getField(event.getDescriptorForType().findFieldByName("review")));
    }
}

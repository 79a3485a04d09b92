package dk.gennemsyn.reporting.reviews;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.MultiEventHandler;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged;
import dk.gennemsyn.proto.caseintake.v1.ReviewUpdated;
import com.google.protobuf.Message;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/** Reporting's copy of each review's title and state, so reports can name the review (newest version wins). */
@Singleton
class ReviewTitles implements MultiEventHandler {

    private final TenantTx tenantTx;

    ReviewTitles(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(ReviewCreated.class, ReviewUpdated.class, ReviewStateChanged.class);
    }

    @Override
    public void handle(EventContext context, Message event) {
        // Each of the three carries the whole review in field "review".
        Review r = (Review) event.getField(event.getDescriptorForType().findFieldByName("review"));
        tenantTx.update("""
                insert into reviews (review_id, tenant, title, state, version) values (?::uuid, ?, ?, ?, ?)
                on conflict (review_id) do update set title = excluded.title, state = excluded.state, version = excluded.version
                where reviews.version < excluded.version""", r.getReviewId(), context.tenant(), r.getTitle(), r.getState(),
                r.getVersion());
    }
}

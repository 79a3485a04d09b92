package dk.gennemsyn.recommendations.plans;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.history.History;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.recommendations.v1.FocusAreaPrioritised;
import dk.gennemsyn.proto.recommendations.v1.FocusAreaRank;
import dk.gennemsyn.recommendations.access.Access;
import dk.gennemsyn.recommendations.recs.Recommendations;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The focus areas (indsatsområder) of a review's plan: fed by accepted recommendations, in the priority order the
 * implementation workshop set, each with a time horizon. Every change announces the order (FocusAreaPrioritised).
 */
@Singleton
public class FocusAreas {

    private final FocusAreaRows rows;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Access access;
    private final Recommendations recommendations;
    private final History history;

    FocusAreas(FocusAreaRows rows, TenantTx tenantTx, Outbox outbox, Access access, Recommendations recommendations,
               History history) {
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.access = access;
        this.recommendations = recommendations;
        this.history = history;
    }

    /** A focus area's title, description and horizon as a form or the API gives them, checked. */
    private record Text(String title, String description, String horizon) {
        static Text checked(@Nullable String title, @Nullable String description, @Nullable String horizon) {
            String t = Recommendations.text("title", title, 200);
            if (t.isBlank()) {
                throw ProblemException.invalid("title", "Giv indsatsområdet en titel.");
            }
            String h = horizon == null || horizon.isBlank() ? "short" : horizon;
            if (!Plans.HORIZONS.containsKey(h)) {
                throw ProblemException.invalid("horizon", "Vælg kort eller lang sigt.");
            }
            return new Text(t, Recommendations.text("description", description, 4000), h);
        }
    }

    /** A focus area fed by accepted recommendations of the review; it goes last in the priority order. */
    public Plans.FocusArea create(Caller caller, UUID review, @Nullable String title, @Nullable String description,
                                  @Nullable String horizon, @Nullable List<UUID> recommendationIds) {
        Access.requireAny(caller, Access.PLANNERS, "Kun projektleder og tovholder kan ændre handleplanen.");
        Text text = Text.checked(title, description, horizon);
        return tenantTx.write(caller.tenant(), () -> {
            access.requireRead(caller, review);
            List<UUID> recs = recommendationIds == null ? List.of() : recommendationIds.stream().distinct().toList();
            for (UUID r : recs) {
                var rec = recommendations.load(r);
                if (!rec.reviewId().equals(review) || !rec.accepted()) {
                    throw ProblemException.invalid("recommendationIds",
                            "Kun vedtagne anbefalinger fra gennemgangen kan indgå i et indsatsområde (" + rec.code() + ").");
                }
            }
            tenantTx.lockScope("focus-area-priority:" + review);
            FocusAreaRow row = rows.save(new FocusAreaRow(UUID.randomUUID(), caller.tenant(), review, text.title(),
                    text.description(), rows.nextPriority(review), text.horizon(), 1));
            recs.forEach(r -> rows.feed(caller.tenant(), row.id(), r));
            prioritised(caller.tenant(), review);
            return area(row.id());
        });
    }

    /** A focus area's title, description and horizon changed (stale versions refused); the change is in its history. */
    public Plans.FocusArea update(Caller caller, UUID id, long expectedVersion, @Nullable String title,
                                  @Nullable String description, @Nullable String horizon) {
        Access.requireAny(caller, Access.PLANNERS, "Kun projektleder og tovholder kan ændre handleplanen.");
        Text text = Text.checked(title, description, horizon);
        return tenantTx.write(caller.tenant(), () -> {
            FocusAreaRow before = row(id);
            access.requireRead(caller, before.reviewId());
            if (rows.updateText(id, expectedVersion, text.title(), text.description(), text.horizon()) == 0) {
                throw Recommendations.stale();
            }
            FocusAreaRow after = row(id);
            history.record(caller, id, shown(before.view()), shown(after.view()));
            prioritised(caller.tenant(), before.reviewId());
            return after.view();
        });
    }

    /**
     * The implementation workshop's result: the focus areas in priority order (every one of the review's, once) and
     * each one's horizon.
     */
    public void prioritise(Caller caller, UUID review, @Nullable List<UUID> order, @Nullable Map<UUID, String> horizons) {
        Access.requireAny(caller, Access.PLANNERS, "Kun projektleder og tovholder kan prioritere indsatsområderne.");
        tenantTx.write(caller.tenant(), () -> {
            access.requireRead(caller, review);
            List<FocusAreaRow> all = rows.inOrder(review);
            if (order == null || order.size() != all.size()
                    || !new HashSet<>(order).equals(new HashSet<>(all.stream().map(FocusAreaRow::id).toList()))) {
                throw ProblemException.invalid("order", "Rækkefølgen skal rumme hvert af gennemgangens indsatsområder én gang.");
            }
            for (int i = 0; i < order.size(); i++) {
                String h = horizons == null ? null : horizons.get(order.get(i));
                if (h != null && !Plans.HORIZONS.containsKey(h)) {
                    throw ProblemException.invalid("horizons", "Vælg kort eller lang sigt.");
                }
                FocusAreaRow r = row(order.get(i));
                rows.reorder(r.id(), i + 1, h == null ? r.horizon() : h);
            }
            prioritised(caller.tenant(), review);
        });
    }

    /** The review a focus area belongs to (for pages that start from the area). */
    public UUID reviewOf(Caller caller, UUID focusArea) {
        return tenantTx.read(caller.tenant(), () -> {
            UUID review = row(focusArea).reviewId();
            access.requireRead(caller, review);
            return review;
        });
    }

    /** Inside a tenant transaction: the area without its actions (404 when unknown). */
    Plans.FocusArea area(UUID id) {
        return row(id).view();
    }

    /** Inside a tenant transaction: the recommendations feeding the area, in code order. */
    List<FocusAreaRows.Fed> fedBy(UUID area) {
        return rows.fedBy(area);
    }

    /** Inside a tenant transaction: the review's areas in priority order, without their actions. */
    List<Plans.FocusArea> ofReview(UUID review) {
        return rows.inOrder(review).stream().map(FocusAreaRow::view).toList();
    }

    private FocusAreaRow row(UUID id) {
        return rows.findById(id).orElseThrow(() -> ProblemException.notFound("Indsatsområdet findes ikke."));
    }

    private static Map<String, String> shown(Plans.FocusArea a) {
        return History.values("Titel", a.title(), "Beskrivelse", a.description(), "Tidshorisont", a.horizonLabel());
    }

    private void prioritised(String tenant, UUID review) {
        FocusAreaPrioritised.Builder e = FocusAreaPrioritised.newBuilder().setReviewId(review.toString());
        rows.inOrder(review).forEach(r -> e.addRanks(FocusAreaRank.newBuilder()
                .setFocusAreaId(r.id().toString()).setTitle(r.title()).setPriority(r.priority()).setHorizon(r.horizon())));
        outbox.append(tenant, review.toString(), e.build());
    }
}

package dk.gennemsyn.recommendations.web;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.recommendations.access.Access;
import dk.gennemsyn.recommendations.reviews.ReviewCopies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** What every review page needs (the review, its people, the tabs), and the one way a form post answers. */
@Singleton
public class Page {

    private final TenantTx tenantTx;
    private final ReviewCopies reviews;
    private final Access access;

    Page(TenantTx tenantTx, ReviewCopies reviews, Access access) {
        this.tenantTx = tenantTx;
        this.reviews = reviews;
        this.access = access;
    }

    /** A model for one of a review's pages; {@code tab} marks the current one. */
    public Map<String, Object> model(Caller caller, UUID review, String tab, String title) {
        return tenantTx.read(caller.tenant(), () -> {
            access.requireRead(caller, review);
            Map<String, Object> m = new HashMap<>();
            m.put("review", reviews.find(review).orElseThrow());
            m.put("people", reviews.people(review));
            m.put("tab", tab);
            m.put("title", title);
            m.put("canLead", caller.hasAnyRole(Access.LEADS));
            m.put("canPlan", caller.hasAnyRole(Access.PLANNERS));
            m.put("canDecide", caller.hasAnyRole(Access.DECIDERS));
            m.put("canReport", caller.hasAnyRole(Access.STAFF)); // reporting shows the review's summary to its staff
            m.put("me", caller.userId());
            return m;
        });
    }

    /**
     * Runs a form's change; on success goes to {@code after} (Post/Redirect/Get), on a problem shows the page again
     * with the Danish message and the problem's status.
     */
    public static HttpResponse<?> post(Runnable change, String after, Supplier<ModelAndView<Map<String, Object>>> page) {
        return post(null, null, change, after, page);
    }

    /**
     * As {@link #post(Runnable, String, Supplier)}, and the page shown again keeps what was typed: {@code posted} is
     * the submitted form of the object {@code of} (the form refills from it), {@code errorField} names the field the
     * message belongs beside.
     */
    public static HttpResponse<?> post(@Nullable Object form, @Nullable UUID of, Runnable change, String after,
                                       Supplier<ModelAndView<Map<String, Object>>> page) {
        try {
            change.run();
            return HttpResponse.seeOther(URI.create(after));
        } catch (ProblemException e) {
            ModelAndView<Map<String, Object>> mv = page.get();
            Map<String, Object> model = new HashMap<>(mv.getModel().orElseThrow());
            model.put("error", e.getMessage());
            model.put("errorField", e.field());
            model.put("errorStatus", e.status().getCode());
            if (form != null) {
                model.put("posted", form);
                model.put("postedFor", of);
            }
            return HttpResponse.status(e.status()).body(new ModelAndView<>(mv.getView().orElseThrow(), model));
        }
    }

    @Nullable
    public static UUID uuid(String field, @Nullable String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "Ukendt valg.");
        }
    }
}

package dk.gennemsyn.recommendations.access;

import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.recommendations.reviews.ReviewCopies;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Who may do what with a review's recommendations and plan. The municipality's staff read everything of their tenant;
 * an external reviewer only the reviews they are an active member of. The projektleder writes recommendations, runs
 * hearings, meetings and economics; reviewers of the review may write recommendations; the steering group (or the
 * projektleder recording its meeting) decides; tovholdere keep the plan; an action's owner reports on it.
 */
@Singleton
public class Access {

    public static final List<String> STAFF = List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.STYREGRUPPE,
            Roles.VALIDATOR, Roles.TENANT_ADMIN);
    public static final List<String> LEADS = List.of(Roles.PROJEKTLEDER, Roles.TENANT_ADMIN);
    public static final List<String> DECIDERS = List.of(Roles.STYREGRUPPE, Roles.PROJEKTLEDER);
    public static final List<String> PLANNERS = List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.TENANT_ADMIN);

    private final ReviewCopies reviews;
    private final Clock clock;

    Access(ReviewCopies reviews, Clock clock) {
        this.reviews = reviews;
        this.clock = clock;
    }

    /** Inside a tenant transaction: may the caller see this review's recommendations and plan? */
    public void requireRead(Caller caller, UUID review) {
        reviews.find(review).orElseThrow(() -> ProblemException.notFound("Gennemgangen findes ikke."));
        if (!caller.hasAnyRole(STAFF) && !reviews.isActiveMember(review, caller.userId(), clock.instant())) {
            throw forbidden("Du har ikke adgang til denne gennemgang (eller din adgangsperiode er udløbet).");
        }
    }

    /** Inside a tenant transaction: may the caller write recommendations for this review? */
    public void requireAuthor(Caller caller, UUID review) {
        requireRead(caller, review);
        if (!caller.hasAnyRole(LEADS) && !(caller.hasAnyRole(List.of(Roles.REVIEWER))
                && reviews.isActiveMember(review, caller.userId(), clock.instant()))) {
            throw forbidden("Kun projektlederen og gennemgangens sagsgennemgåere kan skrive anbefalinger.");
        }
    }

    public static void requireAny(Caller caller, List<String> roles, String danishMessage) {
        if (!caller.hasAnyRole(roles)) {
            throw forbidden(danishMessage);
        }
    }

    public static ProblemException forbidden(String danishMessage) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", danishMessage, null);
    }
}

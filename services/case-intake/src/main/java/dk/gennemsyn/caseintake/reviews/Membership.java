package dk.gennemsyn.caseintake.reviews;

import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Who may see what. The municipality's staff see their tenant's reviews and cases; an external reviewer sees
 * only the reviews they are a member of, and only inside their access window there and until revoked (on top
 * of the token's own window, checked on every request by the platform).
 */
@Singleton
public class Membership {

    public static final List<String> STAFF = List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR,
            Roles.TENANT_ADMIN);
    public static final List<String> EDITORS = List.of(Roles.PROJEKTLEDER, Roles.TENANT_ADMIN);

    /**
     * SQL: the user ({@code :userId}) is an active member of review {@code r} at {@code :now}: not revoked, inside the
     * access window. For the repositories' queries (here, and the case list's).
     */
    public static final String ACTIVE_MEMBER = """
            exists (select 1 from review_people p where p.review_id = r.id and p.user_id = :userId and p.revoked_at is null
                    and (p.access_from is null or p.access_from <= :now) and (p.access_to is null or p.access_to > :now))""";

    /** SQL: as {@link #ACTIVE_MEMBER}, in the role of external reviewer. */
    public static final String ACTIVE_REVIEWER = """
            exists (select 1 from review_people p where p.review_id = r.id and p.user_id = :userId and p.revoked_at is null
                    and (p.access_from is null or p.access_from <= :now) and (p.access_to is null or p.access_to > :now)
                    and p.role = 'reviewer')""";

    private final PersonRows people;
    private final Clock clock;

    Membership(PersonRows people, Clock clock) {
        this.people = people;
        this.clock = clock;
    }

    public static boolean isStaff(Caller caller) {
        return caller.hasAnyRole(STAFF);
    }

    /**
     * Inside TenantTx: may the caller see this case? Staff always; otherwise only a reviewer of a review holding the
     * case, inside their window. A steering-group member of that review sees the review, never the child's case.
     */
    public void requireCaseAccess(Caller caller, UUID caseId) {
        if (isStaff(caller)) {
            return;
        }
        boolean member = caller.hasAnyRole(List.of(Roles.REVIEWER))
                && people.activeReviewerOfCase(caseId, caller.userId(), clock.instant());
        if (!member) {
            throw forbidden();
        }
    }

    /** Inside TenantTx: may the caller see this review? */
    public void requireReviewAccess(Caller caller, UUID reviewId) {
        if (isStaff(caller) || caller.hasAnyRole(List.of(Roles.STYREGRUPPE))) {
            return;
        }
        boolean member = people.activeMember(reviewId, caller.userId(), clock.instant());
        if (!member) {
            throw forbidden();
        }
    }

    public static ProblemException forbidden() {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden",
                "Du har ikke adgang til denne gennemgang eller sag (eller din adgangsperiode er udløbet).", null);
    }
}

package dk.gennemsyn.assessment.access;

import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.http.HttpStatus;

import java.util.List;

/**
 * Who may see what in assessment. The municipality's staff see all its cases' screening; an external reviewer
 * sees only the cases assigned to them, while their review membership is active (see assignments).
 */
public final class Access {

    public static final List<String> STAFF = List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR,
            Roles.TENANT_ADMIN);

    private Access() {
    }

    public static boolean isStaff(Caller caller) {
        return caller.hasAnyRole(STAFF);
    }

    /**
     * Inside TenantTx: 404 when the review is not there (or is another municipality's), as the single-object
     * endpoints answer; a list for it is never an empty 200.
     */
    // Hand SQL, not a repository: a static guard over two copies (reviews, selections) in one union query.
    public static void requireReview(dk.gennemsyn.platform.db.TenantTx tenantTx, java.util.UUID reviewId) {
        // Known from its own event or from a case selected for it (the events of two aggregates may come in any order).
        if (tenantTx.query("select 1 from reviews where review_id = ? union all select 1 from review_selections "
                + "where review_id = ? limit 1", rs -> 1, reviewId, reviewId).isEmpty()) {
            throw dk.gennemsyn.platform.problem.ProblemException.notFound("Gennemgangen findes ikke.");
        }
    }

    public static void requireStaff(Caller caller) {
        if (!isStaff(caller)) {
            throw forbidden();
        }
    }

    public static ProblemException forbidden() {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden",
                "Du har ikke adgang til denne sag eller vurdering (eller din adgangsperiode er udløbet).", null);
    }
}

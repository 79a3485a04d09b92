package dk.gennemsyn.caseintake.reviews;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
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

    static final String ACTIVE = """
            p.user_id = ? and p.revoked_at is null
            and (p.access_from is null or p.access_from <= ?) and (p.access_to is null or p.access_to > ?)""";

    static final String ACTIVE_REVIEWER = ACTIVE + " and p.role = '" + Roles.REVIEWER + "'";

    private final TenantTx tenantTx;
    private final Clock clock;

    Membership(TenantTx tenantTx, Clock clock) {
        this.tenantTx = tenantTx;
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
        Instant now = clock.instant();
        boolean member = caller.hasAnyRole(List.of(Roles.REVIEWER)) && !tenantTx.query("select 1 from review_cases rc"
                + " join review_people p on p.review_id = rc.review_id where rc.case_id = ? and " + ACTIVE_REVIEWER
                + " limit 1", rs -> 1, caseId, caller.userId(), now, now).isEmpty();
        if (!member) {
            throw forbidden();
        }
    }

    /** Inside TenantTx: may the caller see this review? */
    public void requireReviewAccess(Caller caller, UUID reviewId) {
        if (isStaff(caller) || caller.hasAnyRole(List.of(Roles.STYREGRUPPE))) {
            return;
        }
        Instant now = clock.instant();
        boolean member = !tenantTx.query("select 1 from review_people p where p.review_id = ? and " + ACTIVE + " limit 1",
                rs -> 1, reviewId, caller.userId(), now, now).isEmpty();
        if (!member) {
            throw forbidden();
        }
    }

    /** Reviews the caller is an active reviewer of: the ones whose cases they may list (non-staff). */
    public String activeReviewerClause() {
        return "exists (select 1 from review_people p where p.review_id = r.id and " + ACTIVE_REVIEWER + ")";
    }

    /** Reviews the caller is an active member of (for non-staff lists). */
    public String activeMemberClause() {
        return "exists (select 1 from review_people p where p.review_id = r.id and " + ACTIVE + ")";
    }

    public Object[] activeMemberArgs(Caller caller) {
        Instant now = clock.instant();
        return new Object[] {caller.userId(), now, now};
    }

    public static ProblemException forbidden() {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden",
                "Du har ikke adgang til denne gennemgang eller sag (eller din adgangsperiode er udløbet).", null);
    }
}

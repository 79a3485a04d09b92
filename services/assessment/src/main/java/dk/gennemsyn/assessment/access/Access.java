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

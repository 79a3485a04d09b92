package dk.gennemsyn.platform.security;

import java.util.List;
import java.util.Map;

/** The roles of MISSION.md, as they appear in tokens. */
public final class Roles {

    public static final String PROJEKTLEDER = "projektleder";
    public static final String TOVHOLDER = "tovholder";
    public static final String STYREGRUPPE = "styregruppe";
    public static final String REVIEWER = "reviewer";
    public static final String VALIDATOR = "validator";
    public static final String TENANT_ADMIN = "tenant-admin";
    /** Platform operations staff (dead letters, replays); not a municipality's role. */
    public static final String OPERATOR = "operator";

    public static final List<String> TENANT_ROLES =
            List.of(PROJEKTLEDER, TOVHOLDER, STYREGRUPPE, REVIEWER, VALIDATOR, TENANT_ADMIN);

    /** Danish labels for the pages. */
    public static final Map<String, String> LABELS = Map.of(
            PROJEKTLEDER, "Projektleder",
            TOVHOLDER, "Tovholder",
            STYREGRUPPE, "Styregruppemedlem",
            REVIEWER, "Sagsgennemgår (ekstern)",
            VALIDATOR, "Validator (sagsbehandler/leder)",
            TENANT_ADMIN, "Administrator",
            OPERATOR, "Driftsoperatør");

    private Roles() {
    }
}

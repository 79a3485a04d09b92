package dk.gennemsyn.notifications.messages;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * Who was told about something, and when: the messages whose link is that page (e.g. an urgent finding's), each
 * with when it was made, when its e-mail went out (or that it failed) and when the recipient read it in the inbox.
 * For the municipality's staff, from the finding's page in assessment.
 */
@Singleton
public class Told {

    static final List<String> STAFF = List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN);

    @Serdeable
    @Introspected
    public record Recipient(String name, String subject, boolean urgent, Instant toldAt, boolean inInbox,
                            @Nullable Instant readAt, @Nullable String emailState, @Nullable Instant emailSentAt) {

        /** The e-mail's fate in Danish. */
        public String emailLabel() {
            if (emailState == null) {
                return "Ingen e-mail";
            }
            return switch (emailState) {
                case "sent" -> "Sendt";
                case "failed" -> "Kunne ikke sendes";
                default -> "Undervejs";
            };
        }
    }

    private final MessageRows rows;
    private final TenantTx tenantTx;
    private final Notifier notifier;

    Told(MessageRows rows, TenantTx tenantTx, Notifier notifier) {
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.notifier = notifier;
    }

    /** {@code about}: the page's path on the origin, e.g. "/assessment/findings/…". */
    public List<Recipient> about(Caller caller, @Nullable String about) {
        if (!caller.hasAnyRole(STAFF)) {
            throw new ProblemException(io.micronaut.http.HttpStatus.FORBIDDEN, "forbidden",
                    "Kun kommunens medarbejdere kan se, hvem der har fået besked.", null);
        }
        if (about == null || !about.matches("/[a-z-]+/[A-Za-z0-9/_-]{1,200}")) {
            throw ProblemException.invalid("about", "Angiv siden, beskederne handler om (fx /assessment/findings/…).");
        }
        return tenantTx.read(caller.tenant(), () -> rows.told(notifier.link(about, java.util.Map.of())));
    }
}

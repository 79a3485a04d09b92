package dk.gennemsyn.notifications.messages;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
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

    private final TenantTx tenantTx;
    private final Notifier notifier;

    Told(TenantTx tenantTx, Notifier notifier) {
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
        return tenantTx.read(caller.tenant(), () -> tenantTx.query("""
                select m.recipient_name, m.subject, m.urgent, m.created_at, m.in_inbox, m.read_at, d.state, d.sent_at
                from messages m
                left join lateral (select state, sent_at from deliveries x where x.message_id = m.id and x.channel = 'email'
                                   order by x.created_at desc limit 1) d on true
                where m.link = ? order by m.created_at, m.recipient_name""",
                rs -> new Recipient(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant(),
                        rs.getBoolean(5), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getString(7), rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()),
                notifier.link(about, java.util.Map.of())));
    }
}

package dk.gennemsyn.notifications;

import dk.gennemsyn.testsupport.AuthorisationMatrix;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation × every role × own message / another person's / another municipality, as authorisation.matrix says. */
@MicronautTest(transactional = false)
class AuthorisationMatrixTest extends NotificationsTest {

    static final String T = "0250";

    @Test
    void everyOperationOfTheOpenApiAnswersEachRoleAsTheMatrixSays() throws Exception {
        AuthorisationMatrix.check(service(), http.toBlocking(), this::fixture);
    }

    /** A message in each role's test user's inbox and one in another person's; a rule; a template's trigger. */
    Map<String, String> fixture() {
        Map<String, String> f = new HashMap<>();
        for (String role : AuthorisationMatrix.ROLES) {
            f.put("message@" + role, message("user-" + T + "-" + role));
        }
        f.put("other.message", message("en-anden"));
        var rule = post("/notifications/api/admin/rules", Map.of("trigger", "reminder.validation_due",
                "recipients", List.of("projektleder"), "channel", "inbox", "offsetDays", 1), T, "tenant-admin");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        f.put("rule", id(rule));
        f.put("trigger", "UrgentConcernRaised");
        return f;
    }

    /** A message as the rules would leave it in a person's inbox (written directly: the trigger is not the point). */
    private String message(String recipient) {
        String id = UUID.randomUUID().toString();
        sql("insert into messages (id, tenant, recipient, recipient_name, trigger, dedupe_key, subject, body, urgent,"
                + " in_inbox) values ('" + id + "', '" + T + "', '" + recipient + "', 'Testbruger', 'AssessmentAssigned', '"
                + id + "', 'Sag 1 er fordelt til dig', 'Åbn vurderingen', false, true) returning id", rs -> rs.getString(1));
        return id;
    }
}

package dk.gennemsyn.notifications.web;

import dk.gennemsyn.notifications.NotificationsTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The administrator's API: rules and texts per tenant, with clear errors and no lost updates. */
@MicronautTest(transactional = false)
class AdminApiTest extends NotificationsTest {

    static final String T = "0250";

    JsonNode rule(String tenant, String trigger) {
        return StreamSupport.stream(tree(get("/notifications/api/admin/rules", tenant, "tenant-admin")).values().spliterator(), false)
                .filter(r -> r.get("trigger").getStringValue().equals(trigger)).findFirst().orElseThrow();
    }

    @Test
    void eachTenantStartsWithTheShippedRulesAndChangesOnlyItsOwn() {
        JsonNode meeting = rule(T, "reminder.meeting");
        assertThat(meeting.get("offsetDays").getIntValue()).isEqualTo(5);
        String id = meeting.get("id").getStringValue();
        Map<String, Object> body = Map.of("trigger", "reminder.meeting", "recipients", List.of("reviewer", "tovholder"),
                "channel", "both", "urgent", false, "offsetDays", 7, "enabled", true);
        var changed = call(HttpRequest.PUT("/notifications/api/admin/rules/" + id, body).header("If-Match", "\"v1\""), T,
                "tenant-admin");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(tree(changed).get("offsetDays").getIntValue()).isEqualTo(7);
        // The same stale version again: refused, never a silent overwrite.
        assertThat(call(HttpRequest.PUT("/notifications/api/admin/rules/" + id, body).header("If-Match", "\"v1\""), T,
                "tenant-admin").status()).isEqualTo(412);
        // Another municipality still has the shipped rule, and cannot see or change this one.
        assertThat(rule("0573", "reminder.meeting").get("offsetDays").getIntValue()).isEqualTo(5);
        assertThat(call(HttpRequest.PUT("/notifications/api/admin/rules/" + id, body).header("If-Match", "\"v2\""), "0573",
                "tenant-admin").status()).isEqualTo(404);
        // Only the tenant's administrator.
        assertThat(get("/notifications/api/admin/rules", T, "tovholder").status()).isEqualTo(403);
        assertThat(get("/notifications/api/admin/deliveries", T, "projektleder").status()).isEqualTo(403);
    }

    @Test
    void badRulesAreClearErrorsNamingTheField() {
        record Case(Map<String, Object> body, String field) {
        }
        for (Case c : List.of(
                new Case(Map.of("trigger", "SomethingElse", "recipients", List.of("tovholder"), "channel", "both"), "trigger"),
                new Case(Map.of("trigger", "UrgentConcernRaised", "recipients", List.of(), "channel", "both"), "recipients"),
                new Case(Map.of("trigger", "UrgentConcernRaised", "recipients", List.of("kommunaldirektør"), "channel", "both"), "recipients"),
                // An urgent concern is not about one named person.
                new Case(Map.of("trigger", "UrgentConcernRaised", "recipients", List.of("assignee"), "channel", "both"), "recipients"),
                new Case(Map.of("trigger", "UrgentConcernRaised", "recipients", List.of("tovholder"), "channel", "sms"), "channel"),
                new Case(Map.of("trigger", "reminder.meeting", "recipients", List.of("tovholder"), "channel", "both"), "offsetDays"),
                new Case(Map.of("trigger", "reminder.meeting", "recipients", List.of("tovholder"), "channel", "both",
                        "offsetDays", 99), "offsetDays"))) {
            var r = post("/notifications/api/admin/rules", c.body(), T, "tenant-admin");
            assertThat(r.status()).as(c.toString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(tree(r).get("field").getStringValue()).as(c.toString()).isEqualTo(c.field());
        }
        var created = post("/notifications/api/admin/rules", Map.of("trigger", "reminder.validation_due",
                "recipients", List.of("projektleder"), "channel", "inbox", "offsetDays", 1), T, "tenant-admin");
        assertThat(created.status()).isEqualTo(201);
        assertThat(tree(created).get("enabled").getBooleanValue()).isTrue();
    }

    @Test
    void aTextIsPreviewedSavedAndResetAndMayNotHoldUnknownFieldsOrCprNumbers() {
        var preview = post("/notifications/api/admin/templates/UrgentConcernRaised/preview",
                Map.of("subject", "Akut: {{alias}}", "body", "Se {{link}}"), T, "tenant-admin");
        assertThat(tree(preview).get("subject").getStringValue()).isEqualTo("Akut: Sag 17");
        var unknown = call(HttpRequest.PUT("/notifications/api/admin/templates/UrgentConcernRaised",
                Map.of("subject", "Akut: {{child_name}}", "body", "x")).header("If-Match", "\"v0\""), T, "tenant-admin");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(tree(unknown).get("field").getStringValue()).isEqualTo("subject");
        var cpr = call(HttpRequest.PUT("/notifications/api/admin/templates/UrgentConcernRaised",
                Map.of("subject", "Akut", "body", "Barnet 010150-1234 er i fare")).header("If-Match", "\"v0\""), T,
                "tenant-admin");
        assertThat(cpr.status()).isEqualTo(400);
        assertThat(cpr.body()).doesNotContain("010150");
        var saved = call(HttpRequest.PUT("/notifications/api/admin/templates/UrgentConcernRaised",
                Map.of("subject", "Akut: {{alias}}", "body", "Se {{link}}")).header("If-Match", "\"v0\""), T, "tenant-admin");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(tree(saved).get("custom").getBooleanValue()).isTrue();
        assertThat(call(HttpRequest.PUT("/notifications/api/admin/templates/UrgentConcernRaised",
                Map.of("subject", "Akut: {{alias}}", "body", "Se {{link}}")).header("If-Match", "\"v0\""), T, "tenant-admin")
                .status()).isEqualTo(412);
        assertThat(tree(get("/notifications/api/admin/templates/UrgentConcernRaised", "0330", "tenant-admin"))
                .get("custom").getBooleanValue()).isFalse();
        var reset = call(HttpRequest.DELETE("/notifications/api/admin/templates/UrgentConcernRaised"), T, "tenant-admin");
        assertThat(tree(reset).get("subject").getStringValue()).isEqualTo("AKUT: bekymring for barnet i {{alias}}");
        assertThat(get("/notifications/api/admin/templates/NoSuchThing", T, "tenant-admin").status()).isEqualTo(404);
    }
}

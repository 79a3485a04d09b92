package dk.gennemsyn.notifications.rules;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The shipped catalogue holds together: every text uses only its trigger's fields, every shipped rule has a trigger. */
class TriggersTest {

    @Test
    void everyShippedTextUsesOnlyTheFieldsItsTriggerHas() {
        for (Triggers.Trigger t : Triggers.all()) {
            assertThatCode(() -> Templates.validate(t.code(), t.subject(), t.body())).as(t.code()).doesNotThrowAnyException();
        }
    }

    @Test
    void everyShippedRuleIsValidAndEveryEventTriggerHasOne() {
        for (Rules.Input in : Rules.SHIPPED) {
            assertThatCode(() -> Rules.validate(in)).as(in.trigger()).doesNotThrowAnyException();
        }
        Set<String> ruled = Rules.SHIPPED.stream().map(Rules.Input::trigger).collect(Collectors.toSet());
        for (Triggers.Trigger t : Triggers.all()) {
            if (t.kind() == Triggers.Kind.EVENT || t.kind() == Triggers.Kind.INVITATION) {
                assertThat(ruled).as(t.code()).contains(t.code());
            }
        }
    }

    @Test
    void aTextIsRenderedWithDanishDatesAndHtmlNeverCarriesMarkupFromValues() {
        var vars = Triggers.variables(dk.gennemsyn.proto.recommendations.v1.ActionDueSoon.newBuilder().setTitle("<b>Plan</b>")
                .setDueDate("2026-04-10").setWorkingDaysLeft(5).build());
        assertThat(vars).containsEntry("due_date", "10-04-2026").containsEntry("working_days_left", "5");
        var text = Templates.render("Frist {{due_date}}", "{{title}} {{link}}", java.util.Map.of("title", vars.get("title"),
                "link", "https://x.example/a?b=1&c=2", "due_date", vars.get("due_date")));
        assertThat(text.subject()).isEqualTo("Frist 10-04-2026");
        assertThat(Templates.html(text.body(), "https://x.example/a?b=1&c=2"))
                .contains("&lt;b&gt;Plan&lt;/b&gt;").doesNotContain("<b>")
                .contains("<a href=\"https://x.example/a?b=1&amp;c=2\">");
    }
}

package dk.gennemsyn.reporting.plans;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.recommendations.v1.ActionAssigned;
import dk.gennemsyn.proto.recommendations.v1.ActionOverdue;
import dk.gennemsyn.proto.recommendations.v1.FocusAreaPrioritised;
import dk.gennemsyn.proto.recommendations.v1.FocusAreaRank;
import dk.gennemsyn.proto.recommendations.v1.IndicatorRecorded;
import dk.gennemsyn.testsupport.ApiTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Plan progress built from recommendations' events: newest version wins, duplicates harmless, shown in Chromium. */
@MicronautTest(transactional = false)
class PlanProgressTest extends ApiTest {

    static final String T = "0573";

    @Override
    protected String service() {
        return "reporting";
    }

    @Override
    protected String eventPackage() {
        return "gennemsyn.reporting.v1";
    }

    @Test
    void aReviewsPlanProgressFollowsItsEventsInWhateverOrderTheyCome() {
        String review = UUID.randomUUID().toString();
        String area = UUID.randomUUID().toString();
        String late = UUID.randomUUID().toString();
        String measured = UUID.randomUUID().toString();
        String done = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
        send(T, review, ReviewCreated.newBuilder().setReview(Review.newBuilder().setReviewId(review).setTitle("Sagsgennemgang 2015")
                .setState("follow_up").setVersion(1)).build(), 1);
        send(T, review, FocusAreaPrioritised.newBuilder().setReviewId(review).addRanks(FocusAreaRank.newBuilder()
                .setFocusAreaId(area).setTitle("Inddragelse").setPriority(1).setHorizon("short")).build(), 1);
        ActionAssigned base = ActionAssigned.newBuilder().setReviewId(review).setFocusAreaId(area).setOwner("tov")
                .setStatus("in_progress").setVersion(1).build();
        // The escalation and the first measurement arrive before their actions: they must not be lost.
        send(T, late, ActionOverdue.newBuilder().setActionId(late).setReviewId(review).build(), 1);
        send(T, measured, IndicatorRecorded.newBuilder().setActionId(measured).setReviewId(review).setValue(65)
                .setMeasuredOn(today.toString()).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the early events", () -> count(
                "select count(*) from plan_action_progress") == 2);
        send(T, late, base.toBuilder().setActionId(late).setTitle("Skabelon").setDueDate(today.minusDays(3).toString()).build(), 2);
        // Version 3 arrives before version 2: the older one must not win.
        var m3 = base.toBuilder().setActionId(measured).setTitle("Børnesamtaler").setDueDate(today.plusDays(60).toString())
                .setIndicator("Sager med børnesamtale").setBaseline(40).setTarget(90).setVersion(3).build();
        send(T, measured, m3, 1);
        send(T, measured, m3.toBuilder().setTitle("Gammel titel").setVersion(2).build(), 1);
        send(T, done, base.toBuilder().setActionId(done).setTitle("Procedure").setStatus("done")
                .setDueDate(today.plusDays(5).toString()).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "three actions", () -> count("select count(*) from plan_actions") == 3);
        send(T, measured, IndicatorRecorded.newBuilder().setActionId(measured).setReviewId(review).setValue(50)
                .setMeasuredOn(today.minusDays(10).toString()).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the measurements", () -> count(
                "select count(*) from inbox where event_type like '%IndicatorRecorded'") == 2);

        var plans = tree(get("/reporting/api/plans", T, "styregruppe"));
        assertThat(plans.size()).isEqualTo(1);
        var p = plans.get(0);
        assertThat(p.get("title").getStringValue()).isEqualTo("Sagsgennemgang 2015");
        assertThat(p.get("states").get("overdue").getIntValue()).isEqualTo(1);
        assertThat(p.get("states").get("on_track").getIntValue()).isEqualTo(1);
        assertThat(p.get("states").get("done").getIntValue()).isEqualTo(1);
        var actions = p.get("focusAreas").get(0).get("actions");
        assertThat(actions.get(0).get("escalated").getBooleanValue()).isTrue();
        var m = actions.get(2);
        assertThat(m.get("title").getStringValue()).isEqualTo("Børnesamtaler");
        // (65 - 40) / (90 - 40): half way; the older measurement arriving later does not count.
        assertThat(m.get("progressPercent").getIntValue()).isEqualTo(50);
        assertThat(tree(get("/reporting/api/plans", "0250", "styregruppe")).size()).isZero();
        // Plans and case counts span every review: the municipality's staff only, never a reviewer.
        for (String path : java.util.List.of("/reporting/api/plans", "/reporting/plans", "/reporting/api/case-counts")) {
            assertThat(get(path, T, "reviewer").status()).as(path).isEqualTo(403);
            assertThat(get(path, T, "tovholder").status()).as(path).isEqualTo(200);
        }

        try (BrowserContext ctx = browser().signedIn(TestTokens.token(T, "styregruppe"))) {
            Page page = ctx.newPage();
            page.navigate(url("/reporting/"));
            page.click("text=Handleplanernes fremdrift");
            assertThat(page.locator(".plan-state[data-state=overdue] strong").textContent()).isEqualTo("1");
            assertThat(page.locator("tr.plan-action[data-state=on_track] .progress").textContent()).isEqualTo("50 %");
            assertThat(page.locator("tr.plan-action[data-state=overdue]").textContent()).contains("(eskaleret)");
        }
    }
}

package dk.gennemsyn.recommendations.recs;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.history.Changes;
import dk.gennemsyn.recommendations.RecommendationsTest;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Recommendations, focus areas and actions are edited with optimistic concurrency, and every change is kept. */
@MicronautTest(transactional = false)
class HistoryTest extends RecommendationsTest {

    static final String T = "0250";

    @Inject Changes changes;
    @Inject RecommendationRows recommendations;
    @Inject TenantTx tenantTx;

    static JsonNode change(JsonNode list, String field) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get("field").getStringValue().equals(field)) {
                return list.get(i);
            }
        }
        throw new AssertionError("no change of " + field + " in " + list);
    }

    @Test
    void whoChangedWhatAndWhenIsKeptAndAStaleChangeIsRefused() {
        String review = givenReview(T, person("pl", "projektleder"), person("tov", "tovholder"));
        String rec = id(post("/recommendations/api/reviews/" + review + "/recommendations",
                Map.of("title", "Børnesamtaler", "body", "Før afgørelsen"), T, "projektleder"));
        var edited = as(T, "pl", HttpRequest.PUT("/recommendations/api/recommendations/" + rec,
                Map.of("title", "Børnesamtale før hver afgørelse", "body", "Før afgørelsen", "theme", "inddragelse"))
                .header("If-Match", "\"v1\""), "projektleder");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        // A second change from the same (now stale) version is refused, not applied over the first.
        var stale = as(T, "pl", HttpRequest.PUT("/recommendations/api/recommendations/" + rec, Map.of("title", "Andet"))
                .header("If-Match", "\"v1\""), "projektleder");
        assertThat(stale.status()).isIn(409, 412);
        var recChanges = tree(get("/recommendations/api/recommendations/" + rec + "/changes", T, "styregruppe"));
        assertThat(recChanges.size()).isEqualTo(2); // title and theme; the body did not change
        assertThat(change(recChanges, "Titel").get("before").getStringValue()).isEqualTo("Børnesamtaler");
        assertThat(change(recChanges, "Titel").get("after").getStringValue()).isEqualTo("Børnesamtale før hver afgørelse");
        assertThat(change(recChanges, "Titel").get("changedByName").getStringValue()).isEqualTo("projektleder pl");
        assertThat(change(recChanges, "Tema").get("after").getStringValue()).isEqualTo("Inddragelse af barn og familie");

        String area = id(post("/recommendations/api/reviews/" + review + "/focus-areas", Map.of("title", "Inddragelse"),
                T, "projektleder"));
        var areaEdit = as(T, "tov", HttpRequest.PUT("/recommendations/api/focus-areas/" + area,
                Map.of("title", "Inddragelse af barnet", "horizon", "long")).header("If-Match", "\"v1\""), "tovholder");
        assertThat(areaEdit.status()).as(areaEdit.body()).isEqualTo(200);
        assertThat(as(T, "tov", HttpRequest.PUT("/recommendations/api/focus-areas/" + area,
                Map.of("title", "Gammel")).header("If-Match", "\"v1\""), "tovholder").status()).isIn(409, 412);
        var areaChanges = tree(get("/recommendations/api/focus-areas/" + area + "/changes", T, "tovholder"));
        assertThat(change(areaChanges, "Tidshorisont").get("before").getStringValue()).isEqualTo("Kort sigt");
        assertThat(change(areaChanges, "Tidshorisont").get("after").getStringValue()).isEqualTo("Lang sigt");

        String action = id(post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title", "Samtaleguide",
                "owner", "tov", "dueDate", "2027-03-01"), T, "tovholder"));
        var moved = as(T, "tov", HttpRequest.PUT("/recommendations/api/actions/" + action, Map.of("title", "Samtaleguide",
                "owner", "tov", "dueDate", "2027-04-15", "indicator", "Sager med samtale", "unit", "%", "baseline", 40,
                "target", 95.5)).header("If-Match", "\"v1\""), "tovholder");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        var actionChanges = tree(get("/recommendations/api/actions/" + action + "/changes", T, "tovholder"));
        assertThat(change(actionChanges, "Frist").get("before").getStringValue()).isEqualTo("01-03-2027");
        assertThat(change(actionChanges, "Frist").get("after").getStringValue()).isEqualTo("15-04-2027");
        assertThat(change(actionChanges, "Mål").get("after").getStringValue()).isEqualTo("95,5");
        assertThat(actionChanges.size()).isEqualTo(5); // due date, indicator, unit, baseline, target

        // The pages show the same history.
        var page = as(T, "tov", HttpRequest.GET("/recommendations/actions/" + action).accept(MediaType.TEXT_HTML_TYPE),
                "tovholder");
        assertThat(page.body()).contains("01-03-2027").contains("15-04-2027").contains("tovholder tov");
        var recPage = as(T, "pl", HttpRequest.GET("/recommendations/recommendations/" + rec).accept(MediaType.TEXT_HTML_TYPE),
                "projektleder");
        assertThat(recPage.body()).contains("Børnesamtaler").contains("Inddragelse af barn og familie");
    }

    @Test
    void aRefusedEditKeepsWhatWasTypedAndShowsTheErrorBesideItsField() {
        String review = givenReview(T, person("pl", "projektleder"));
        String rec = id(post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", "Tilsyn"),
                T, "projektleder"));
        var r = as(T, "pl", HttpRequest.POST("/recommendations/recommendations/" + rec,
                        "title=&theme=ledelse&body=Månedligt+ledelsestilsyn+med+stikprøver&version=1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML_TYPE), "projektleder");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains(">Månedligt ledelsestilsyn med stikprøver</textarea>")
                .containsPattern("<p class=\"field-error\" role=\"alert\">Giv anbefalingen en titel.</p>")
                .containsPattern("<option value=\"ledelse\" selected=\"selected\">");
        assertThat(tree(get("/recommendations/api/recommendations/" + rec, T, "projektleder")).get("title")
                .getStringValue()).isEqualTo("Tilsyn");
    }

    @Test
    void aFindingsPageListsTheRecommendationsThatRestOnIt() {
        String review = givenReview(T, person("pl", "projektleder"));
        String finding = givenFinding(T, review, "Sag 7", "Barnets sikkerhed");
        String other = givenFinding(T, review, "Sag 8", "Opfølgning");
        String rec = id(post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title",
                "Underretninger om vold vurderes samme dag", "findingIds", java.util.List.of(finding)), T, "projektleder"));
        var page = as(T, "pl", HttpRequest.GET("/recommendations/findings/" + finding).accept(MediaType.TEXT_HTML_TYPE),
                "projektleder");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/recommendations/recommendations/" + rec + "\"")
                .contains("Underretninger om vold vurderes samme dag").contains("Ikke besluttet");
        assertThat(as(T, "pl", HttpRequest.GET("/recommendations/findings/" + other).accept(MediaType.TEXT_HTML_TYPE),
                "projektleder").body()).contains("Ingen anbefaling hviler på fundet endnu.");
        assertThat(as(T, "pl", HttpRequest.GET("/recommendations/findings/" + UUID.randomUUID())
                .accept(MediaType.TEXT_HTML_TYPE), "projektleder").status()).isEqualTo(404);
    }

    @Test
    void aReviewerBlindToACaseKeepsItsEvidenceWhenEditing() {
        String review = givenReview(T, person("pl", "projektleder"), external("rev", java.time.Instant.now().plusSeconds(86_400)));
        String blindCase = UUID.randomUUID().toString();
        String hidden = UUID.randomUUID().toString();
        send(T, hidden, dk.gennemsyn.proto.assessment.v1.FindingRecorded.newBuilder().setFindingId(hidden).setReviewId(review)
                .setCaseId(blindCase).setAlias("Sag 5").setCategory("Plan").setSeverity("major").build(), 1);
        String shown = givenFinding(T, review, "Sag 6", "Opfølgning");
        send(T, blindCase, dk.gennemsyn.proto.assessment.v1.SecondReviewAssigned.newBuilder().setReviewId(review)
                .setCaseId(blindCase).setAlias("Sag 5").addReviewers("rev").addReviewers("anden").build(), 1);
        dk.gennemsyn.testsupport.Eventually.await(java.time.Duration.ofSeconds(10), "the finding and the blind case", () ->
                count("select count(*) from findings where finding_id = '" + hidden + "'") == 1
                        && count("select count(*) from blind_cases where case_id = '" + blindCase + "'") == 1);
        String rec = id(post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", "Planer",
                "findingIds", java.util.List.of(hidden, shown)), T, "projektleder"));
        // The reviewer's form lists only the finding they may see; saving it keeps the one they may not.
        var edited = as(T, "rev", HttpRequest.PUT("/recommendations/api/recommendations/" + rec, Map.of("title",
                "Planer med mål", "findingIds", java.util.List.of(shown))).header("If-Match", "\"v1\""), "reviewer");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(sql("select finding_id::text from recommendation_evidence where recommendation_id = '" + rec + "'",
                rs -> rs.getString(1))).containsExactlyInAnyOrder(hidden, shown);
    }

    @Test
    void theRepositoryRunsUnderRowLevelSecurity() {
        String review = givenReview(T, person("pl", "projektleder"));
        String rec = id(post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", "Tilsyn"),
                T, "projektleder"));
        as(T, "pl", HttpRequest.PUT("/recommendations/api/recommendations/" + rec, Map.of("title", "Tilsyn hver måned"))
                .header("If-Match", "\"v1\""), "projektleder");
        UUID id = UUID.fromString(rec);
        assertThat(tenantTx.read(T, () -> changes.findByObjectIdOrderByChangedAtDesc(id))).hasSize(1);
        // Another municipality, or no municipality bound at all, sees none of it.
        assertThat(tenantTx.read("0251", () -> changes.findByObjectIdOrderByChangedAtDesc(id))).isEmpty();
        assertThat(changes.findByObjectIdOrderByChangedAtDesc(id)).isEmpty();
        assertThat(count("select count(*) from changes where object_id = '" + rec + "'")).isEqualTo(1);
    }

    @Test
    void theRecommendationsRepositoryRunsUnderRowLevelSecurity() {
        String review = givenReview(T, person("pl", "projektleder"));
        String rec = id(post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", "Tilsyn"),
                T, "projektleder"));
        post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", "Samtaler"), T, "projektleder");
        UUID id = UUID.fromString(rec);
        UUID reviewId = UUID.fromString(review);
        assertThat(tenantTx.read(T, () -> recommendations.findById(id))).get()
                .extracting(RecommendationRow::code).isEqualTo("A1");
        var second = tenantTx.read(T, () -> recommendations.page(reviewId, Pageable.from(1, 1)));
        assertThat(second.getTotalSize()).isEqualTo(2);
        assertThat(second.getContent()).extracting(RecommendationRow::code).containsExactly("A2");
        // Another municipality, or no municipality bound at all, sees none of it and cannot change it.
        assertThat(tenantTx.read("0251", () -> recommendations.findById(id))).isEmpty();
        assertThat(tenantTx.read("0251", () -> recommendations.inOrder(reviewId))).isEmpty();
        assertThat(tenantTx.write("0251", () -> recommendations.change(id, 1, "Overtaget", "", "andet"))).isZero();
        assertThat(recommendations.findById(id)).isEmpty();
        assertThat(recommendations.page(reviewId, Pageable.from(0, 10)).getTotalSize()).isZero();
        assertThat(tenantTx.read(T, () -> recommendations.findById(id))).get()
                .extracting(RecommendationRow::title).isEqualTo("Tilsyn");
    }
}

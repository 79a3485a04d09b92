package dk.gennemsyn.caseintake.sampling;

import dk.gennemsyn.caseintake.IntakeTest;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class SamplingTest extends IntakeTest {

    static final String T = "0330";
    final List<String> caseIds = new ArrayList<>();

    @BeforeAll
    void cases() {
        // 60 cases: 20 anbringelser (team A), 40 forebyggende (team B).
        for (int i = 0; i < 60; i++) {
            var r = post("/intake/api/cases", Map.of("caseType", i < 20 ? "anbringelse" : "forebyggende",
                    "team", i < 20 ? "A" : "B"), T, "projektleder");
            caseIds.add(id(r));
        }
    }

    String review(String title) {
        return id(post("/intake/api/reviews", Map.of("title", title), T, "projektleder"));
    }

    JsonNode draw(String review, Map<String, Object> body) {
        var r = post("/intake/api/reviews/" + review + "/samplings", body, T, "projektleder");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return tree(r);
    }

    Set<String> ids(JsonNode protocol) {
        Set<String> s = new TreeSet<>();
        protocol.get("caseIds").values().forEach(v -> s.add(v.getStringValue()));
        return s;
    }

    @Test
    void theSameFrameAndSeedGiveTheSameSampleAndTheProtocolIsStored() {
        String a = review("A");
        String b = review("B");
        Map<String, Object> req = Map.of("tier", "screening", "method", "simple", "size", 10, "seed", 4242);
        JsonNode pa = draw(a, req);
        JsonNode pb = draw(b, req);
        assertThat(ids(pa)).hasSize(10).isEqualTo(ids(pb));
        // The protocol names the sample by alias too, in number order.
        List<Integer> numbers = new ArrayList<>();
        pa.get("aliases").values().forEach(v -> numbers.add(Integer.parseInt(v.getStringValue().substring("Sag ".length()))));
        assertThat(numbers).hasSize(10).isSorted();
        assertThat(pa.get("frame").get("frameDigest").getStringValue()).isEqualTo(pb.get("frame").get("frameDigest").getStringValue());
        assertThat(pa.get("frameSize").getIntValue()).isEqualTo(60);
        String c = review("C");
        JsonNode pc = draw(c, Map.of("tier", "screening", "method", "simple", "size", 10, "seed", 4243));
        assertThat(ids(pc)).isNotEqualTo(ids(pa));
        // The protocol: who, when, seed, frame, result, and the review moved to the sampling phase.
        var protocols = get("/intake/api/reviews/" + a + "/samplings", T, "styregruppe");
        assertThat(protocols.status()).isEqualTo(200);
        assertThat(protocols.body()).contains("\"seed\":4242").contains("\"drawnBy\":\"user-0330-projektleder\"")
                .contains("\"frameSize\":60");
        assertThat(get("/intake/api/reviews/" + a, T, "projektleder").body()).contains("\"state\":\"sampling\"");
        // A tier is drawn once.
        assertThat(post("/intake/api/reviews/" + a + "/samplings", req, T, "projektleder").status()).isEqualTo(409);
        // "Not reviewed in the last 12 months" leaves out the 10 just selected in A, B and C (up to 30).
        String d = review("D");
        long selectedBefore = count("select count(distinct case_id) from review_cases where tenant = '" + T + "'");
        JsonNode pd = draw(d, Map.of("tier", "screening", "method", "simple", "size", 5, "seed", 1,
                "filter", Map.of("notReviewedMonths", 12)));
        Set<String> recent = new TreeSet<>(ids(pa));
        recent.addAll(ids(pc));
        assertThat(pd.get("exclusions").get("reviewedRecently").getIntValue()).isEqualTo(selectedBefore)
                .isGreaterThanOrEqualTo(recent.size());
        assertThat(pd.get("frameSize").getIntValue()).isEqualTo(60 - selectedBefore);
        assertThat(ids(pd)).doesNotContainAnyElementsOf(recent);
    }

    @Test
    void stratifiedSamplesAllocateProportionallyOrAFixedNumberPerStratum() {
        String p = review("Proportional");
        JsonNode prop = draw(p, Map.of("tier", "screening", "method", "proportional", "size", 15, "strataBy", "caseType", "seed", 7));
        Map<String, Integer> alloc = new HashMap<>();
        prop.get("strata").values().forEach(s -> alloc.put(s.get("stratum").getStringValue(), s.get("sampleCount").getIntValue()));
        assertThat(alloc).containsEntry("anbringelse", 5).containsEntry("forebyggende", 10);
        assertThat(ids(prop)).hasSize(15);
        assertThat(ids(prop).stream().filter(id -> caseIds.indexOf(id) < 20).count()).isEqualTo(5);

        String f = review("Fast");
        JsonNode fixed = draw(f, Map.of("tier", "screening", "method", "fixed", "strataBy", "team", "seed", 7,
                "perStratum", Map.of("A", 8, "B", 2)));
        assertThat(ids(fixed).stream().filter(id -> caseIds.indexOf(id) < 20).count()).isEqualTo(8);
        assertThat(ids(fixed)).hasSize(10);
        var tooMany = post("/intake/api/reviews/" + review("For mange") + "/samplings", Map.of("tier", "screening",
                "method", "fixed", "strataBy", "team", "perStratum", Map.of("A", 21)), T, "projektleder");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("\"field\":\"perStratum\"").contains("kun 20 sager");
    }

    @Test
    void deepAndSecondReviewAreSubsetsAndEverySelectionIsPublished() {
        String r = review("To lag");
        JsonNode screening = draw(r, Map.of("tier", "screening", "method", "simple", "size", 20, "seed", 11));
        JsonNode deep = draw(r, Map.of("tier", "deep", "method", "simple", "size", 8, "seed", 12));
        JsonNode second = draw(r, Map.of("tier", "second", "method", "simple", "size", 4, "seed", 13));
        assertThat(ids(screening)).containsAll(ids(deep));
        assertThat(ids(deep)).containsAll(ids(second));
        assertThat(deep.get("frameSize").getIntValue()).isEqualTo(20);
        assertThat(second.get("frameSize").getIntValue()).isEqualTo(8);
        var list = get("/intake/api/reviews/" + r + "/cases?size=50", T, "tovholder");
        assertThat(list.body()).contains("\"total\":20");
        String secondCase = ids(second).iterator().next();
        Eventually.await(Duration.ofSeconds(10), "CaseSelectedForReview with all three tiers", () ->
                events("CaseSelectedForReview").stream().map(e -> {
                    try {
                        return CaseSelectedForReview.parseFrom(e.getPayload());
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                }).anyMatch(s -> s.getReviewId().equals(r) && s.getCaseId().equals(secondCase) && s.getScreening()
                        && s.getDeepReview() && s.getSecondReview() && s.getSelection().equals("random")));
    }

    @Test
    void aCaseChosenByHandNeedsAForklaedeWhichCanBeEditedWithIfMatch() {
        String r = review("Med håndkraft");
        String caseId = caseIds.get(59);
        var none = post("/intake/api/reviews/" + r + "/cases", Map.of("caseId", caseId, "forklaede", " "), T, "projektleder");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("\"field\":\"forklaede\"");
        var shortOne = post("/intake/api/reviews/" + r + "/cases", Map.of("caseId", caseId, "forklaede", "fordi"), T, "projektleder");
        assertThat(shortOne.body()).contains("forklæde");
        var cpr = post("/intake/api/reviews/" + r + "/cases", Map.of("caseId", caseId,
                "forklaede", "Barnet med cpr 0101505000 er flyttet mange gange"), T, "projektleder");
        assertThat(cpr.status()).isEqualTo(400);
        assertThat(cpr.body()).doesNotContain("0101505000");
        var ok = post("/intake/api/reviews/" + r + "/cases", Map.of("caseId", caseId,
                "forklaede", "Valgt fordi barnet er flyttet mange gange; se på kontinuiteten i indsatsen."), T, "projektleder");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.body()).contains("\"selection\":\"purposive\"").contains("\"deepReview\":true");
        String path = "/intake/api/reviews/" + r + "/cases/" + caseId + "/forklaede";
        var edited = call(HttpRequest.PUT(path, Map.of("forklaede", "Se også på samarbejdet med skolen og PPR."))
                .contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"v0\""), T, "projektleder");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        var stale = call(HttpRequest.PUT(path, Map.of("forklaede", "Overskriver den andens ændring her."))
                .contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"v0\""), T, "projektleder");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(get("/intake/api/reviews/" + r + "/cases/" + caseId, T, "validator").body())
                .contains("samarbejdet med skolen").doesNotContain("Overskriver");
    }
}

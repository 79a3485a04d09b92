package dk.gennemsyn.systemtests;

import dk.gennemsyn.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blind second review across the five services. A projektleder who is also the second reviewer of a case must see
 * no trace of the first review (answers, findings, the urgent alert) anywhere until both rounds are submitted: not in
 * assessment's lists, history, comparison or validation, not in reporting's overview, summary, early warning or
 * exports, not among recommendations' findings or evidence, not in the inbox. Checked with that person holding each
 * role in turn (blindness belongs to the person and the case, not the role), against a colleague who is not a
 * reviewer of the case and does see it all (so each check can fail). Once the second reviewer submits, they see it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlindSecondReviewTest {

    static final String T = "0250";
    /** The finding's category: a word that can only come from the first review. */
    static final String MARKER = "Markørfund-7Q";
    static final List<String> OTHER_ROLES = List.of("reviewer", "projektleder", "tovholder", "validator", "tenant-admin",
            "styregruppe");

    RunningSystem system;
    Api lead;
    String review;
    String caseId;
    String alias;
    String firstAssignment;
    String blindAssignment;
    String firstUser;
    String blindUser;

    static String token(String subject, String... roles) {
        return TestTokens.sign(TestTokens.claims(T, roles).subject(subject).claim("name", "Navn " + subject).build());
    }

    @BeforeAll
    void start() throws Exception {
        system = new RunningSystem();
        lead = new Api(system, token("pl-anne", "projektleder"));
        String instruments = lead.ok("GET", "/assessment/api/instruments", null);
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"family\":\"[^\"]*\",\"version\":1,\"name\":\"Halsnæs-parametrene\"")
                .matcher(instruments);
        assertThat(m.find()).as(instruments).isTrue();
        review = Api.id(lead.ok("POST", "/intake/api/reviews", "{\"title\":\"Blind gennemgang\",\"periodFrom\":\"2016-01-01\","
                + "\"reviewerOrganisations\":[\"KL\"],\"instrumentId\":\"" + m.group(1) + "\"}"));
        String to = LocalDate.now().plusYears(1) + "T00:00:00Z";
        // Two reviewers who are also the review's projektledere (as in the demo), and a colleague who reviews nothing.
        for (String[] p : List.of(new String[]{"rev-a", "reviewer"}, new String[]{"rev-b", "reviewer"},
                new String[]{"rev-a", "projektleder"}, new String[]{"rev-b", "projektleder"},
                new String[]{"pl-anne", "projektleder"})) {
            lead.ok("POST", "/intake/api/reviews/" + review + "/people", "{\"userId\":\"" + p[0] + "\",\"name\":\"Navn "
                    + p[0] + "\",\"role\":\"" + p[1] + "\",\"organisation\":\"KL\",\"email\":\"" + p[0]
                    + "@gennemsyn.example\"" + (p[1].equals("reviewer") ? ",\"accessTo\":\"" + to + "\"" : "") + "}");
        }
        for (int i = 0; i < 6; i++) {
            lead.ok("POST", "/intake/api/cases", "{\"caseType\":\"anbringelse\",\"team\":\"Team 1\"}");
        }
        for (String tier : List.of("screening:6", "deep:4", "second:2")) { // each tier is drawn from the one before
            lead.ok("POST", "/intake/api/reviews/" + review + "/samplings", "{\"tier\":\"" + tier.split(":")[0]
                    + "\",\"method\":\"simple\",\"size\":" + tier.split(":")[1] + ",\"seed\":7}");
        }
        Api.eventually(() -> lead.call("POST", "/assessment/api/reviews/" + review + "/assignments", null, null).body()
                .contains("\"round\":2"), "assessment to know the sample and assign both rounds");

        // A second-review case: whoever has its first round is "first", the other is the blind second reviewer.
        Pattern a = Pattern.compile("\\{\"id\":\"([^\"]+)\",\"reviewId\":\"[^\"]+\",\"caseId\":\"([^\"]+)\",\"alias\":\"([^\"]+)\","
                + "\"reviewer\":\"([^\"]+)\"[^{}]*?\"round\":(\\d)");
        Map<String, Map<String, String>> byCase = new LinkedHashMap<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        Matcher am = a.matcher(lead.ok("GET", "/assessment/api/reviews/" + review + "/assignments", null));
        while (am.find()) {
            byCase.computeIfAbsent(am.group(2), k -> new LinkedHashMap<>()).put(am.group(5), am.group(4) + ":" + am.group(1));
            aliases.put(am.group(2), am.group(3));
        }
        var pair = byCase.entrySet().stream().filter(e -> e.getValue().size() == 2).findFirst()
                .orElseThrow(() -> new AssertionError("no second-review case: " + byCase));
        caseId = pair.getKey();
        alias = aliases.get(caseId);
        firstUser = pair.getValue().get("1").split(":")[0];
        firstAssignment = pair.getValue().get("1").split(":")[1];
        blindUser = pair.getValue().get("2").split(":")[0];
        blindAssignment = pair.getValue().get("2").split(":")[1];
        Api first = new Api(system, token(firstUser, "reviewer"));

        // The first review: answers, an urgent and budget-relevant finding, submitted.
        Api.Result ws = first.call("GET", "/assessment/api/assignments/" + firstAssignment, null, null);
        Api.Result saved = first.call("PUT", "/assessment/api/assignments/" + firstAssignment + "/answers", ANSWERS, ws.etag());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        first.ok("POST", "/assessment/api/assignments/" + firstAssignment + "/findings", "{\"category\":\"" + MARKER
                + "\",\"severity\":\"critical\",\"text\":\"Barnet kan være i fare\",\"urgent\":true,\"budgetRelevant\":true,"
                + "\"expectedYearlyKr\":412000}");
        Api.Result submitted = first.call("POST", "/assessment/api/assignments/" + firstAssignment + "/submit", null, saved.etag());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);

        // A colleague who does not review the case sees it all: reporting, recommendations and the alert have it.
        Api.eventually(() -> row(lead.ok("GET", "/reporting/api/reviews/" + review + "/overview?size=50", null))
                .contains("\"faglig_kvalitet\":\"4\""), "reporting to have the first review's answers");
        Api.eventually(() -> lead.ok("GET", "/reporting/api/reviews/" + review + "/early-warning", null).contains(MARKER),
                "reporting to have the finding");
        Api.eventually(() -> { var r = lead.call("GET", "/recommendations/reviews/" + review, null, null);
                    return r.status() + " " + r.body(); }, b -> b.contains(MARKER), "recommendations to have the finding");
        Api.eventually(() -> lead.ok("GET", "/notifications/api/inbox", null).contains("AKUT: bekymring for barnet i " + alias),
                "the urgent alert in a leader's inbox");
        // A recommendation resting on the finding, written by the colleague.
        String finding = Pattern.compile("value=\"([0-9a-f-]{36})\"").matcher(
                lead.call("GET", "/recommendations/reviews/" + review, null, null).body()).results()
                .map(r -> r.group(1)).findFirst().orElseThrow();
        lead.ok("POST", "/recommendations/api/reviews/" + review + "/recommendations", "{\"title\":\"Sikkerhedsvurdering\","
                + "\"theme\":\"faglig_udredning\",\"body\":\"Vurder sikkerheden straks.\",\"findingIds\":[\"" + finding + "\"]}");
        Api.eventually(() -> lead.ok("GET", "/recommendations/api/reviews/" + review + "/recommendations", null).contains(MARKER),
                "the recommendation's evidence");
    }

    static final String ANSWERS = "{\"answers\":{\"faglig_kvalitet\":\"4\",\"sammenhaeng\":\"3\",\"omkostningseffektiv\":\"ja\","
            + "\"kompensation\":\"overkompensation\",\"barnets_syn\":\"2\",\"foraeldrenes_syn\":\"3\"}}";

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** The overview's row of the case (its JSON object's text). */
    String row(String overview) {
        int at = overview.indexOf("\"caseId\":\"" + caseId + "\"");
        assertThat(at).as("the case in the overview: " + overview).isNotNegative();
        return overview.substring(at, overview.indexOf('}', overview.indexOf("\"blind\":", at)));
    }

    /** The export's line of the case. */
    String csvLine(String csv) {
        return csv.lines().filter(l -> l.startsWith(alias + ";")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + alias + " in " + csv));
    }

    /** Every place that shows assessment content, as the caller sees it: path → status and body. */
    Map<String, Api.Result> walk(Api as) {
        Map<String, Api.Result> seen = new LinkedHashMap<>();
        String c = "/cases/" + caseId;
        for (String path : List.of(
                "/assessment/api/reviews/" + review + "/assignments",
                "/assessment/api/reviews/" + review + c + "/history",
                "/assessment/api/reviews/" + review + c + "/comparison",
                "/assessment/api/reviews/" + review + "/validation",
                "/assessment/api/reviews/" + review + "/agreement",
                "/assessment/api/assignments",
                "/assessment/api/assignments/" + blindAssignment,
                "/assessment/reviews/" + review,
                "/assessment/reviews/" + review + c + "/history",
                "/assessment/reviews/" + review + c + "/comparison",
                "/assessment/reviews/" + review + "/validation",
                "/assessment/assignments/" + blindAssignment,
                "/reporting/api/reviews/" + review + "/overview?size=50",
                "/reporting/api/reviews/" + review + "/summary",
                "/reporting/api/reviews/" + review + "/early-warning",
                "/reporting/reviews/" + review + "/export.csv",
                "/reporting/reviews/" + review,
                "/reporting/reviews/" + review + "/summary",
                "/reporting/reviews/" + review + "/early-warning",
                "/recommendations/reviews/" + review,
                "/recommendations/api/reviews/" + review + "/recommendations",
                "/notifications/api/inbox",
                "/notifications/")) {
            seen.put(path, as.call("GET", path, null, null));
        }
        return seen;
    }

    @Test
    void theSecondReviewerSeesNoTraceOfTheFirstWhateverRoleTheyHoldUntilBothAreSubmitted() throws Exception {
        // The colleague's view: each place that shows content does show the first review (so the checks below can fail).
        Map<String, Api.Result> colleague = walk(lead);
        assertThat(colleague.get("/reporting/api/reviews/" + review + "/early-warning").body()).contains(MARKER);
        assertThat(colleague.get("/reporting/api/reviews/" + review + "/summary").body()).contains("\"critical\":1");
        assertThat(csvLine(colleague.get("/reporting/reviews/" + review + "/export.csv").body())).contains("Overkompensation");
        assertThat(colleague.get("/assessment/api/reviews/" + review + "/cases/" + caseId + "/history").body())
                .contains("\"actor\":\"" + firstUser + "\"");
        assertThat(colleague.get("/recommendations/reviews/" + review).body()).contains(MARKER);
        assertThat(colleague.get("/notifications/api/inbox").body()).contains("AKUT: bekymring for barnet i " + alias);

        List<String> leaks = new ArrayList<>();
        for (String role : OTHER_ROLES) {
            Api blind = new Api(system, token(blindUser, role.equals("reviewer") ? new String[]{"reviewer"}
                    : new String[]{"reviewer", role}));
            for (var e : walk(blind).entrySet()) {
                String where = blindUser + " as " + role + ": " + e.getKey() + " (" + e.getValue().status() + ")";
                String body = e.getValue().body();
                assertThat(e.getValue().status()).as(where + " " + body).isNotEqualTo(500);
                // The first reviewer's finding, their history entries, the alert about it, its count.
                if (body.contains(MARKER) || body.contains("\"actor\":\"" + firstUser + "\"")
                        || (e.getKey().contains("/history") && body.contains("Navn " + firstUser))
                        || body.contains("AKUT: bekymring") || body.contains("\"critical\":1")) {
                    leaks.add(where);
                }
            }
            Api.Result csv = blind.call("GET", "/reporting/reviews/" + review + "/export.csv", null, null);
            if (csv.status() == 200) {
                assertThat(csvLine(csv.body())).as(role).doesNotContain("Overkompensation");
            }
            Api.Result overview = blind.call("GET", "/reporting/api/reviews/" + review + "/overview?size=50", null, null);
            if (overview.status() == 200) {
                assertThat(row(overview.body())).as(role).doesNotContain("\"codes\":{\"").contains("\"findings\":0")
                        .contains("\"blind\":true");
            }
            Api.Result assignments = blind.call("GET", "/assessment/api/reviews/" + review + "/assignments", null, null);
            if (assignments.status() == 200) {
                String firstRow = assignments.body().substring(assignments.body().indexOf("{\"id\":\"" + firstAssignment));
                assertThat(firstRow.substring(0, firstRow.indexOf('}') + 1)).as(role).doesNotContain("\"answers\":{\"");
            }
        }
        assertThat(leaks).as("places that showed the first review to its blind second reviewer").isEmpty();
        // Staff roles do reach the content pages (the checks were not vacuous 403s).
        Api asLead = new Api(system, token(blindUser, "reviewer", "projektleder"));
        assertThat(asLead.call("GET", "/reporting/api/reviews/" + review + "/overview?size=50", null, null).status()).isEqualTo(200);
        assertThat(asLead.call("GET", "/assessment/reviews/" + review + "/cases/" + caseId + "/history", null, null).status())
                .isEqualTo(200);

        // The second review submitted: the blind ends, and the same person now sees the first review.
        Api me = new Api(system, token(blindUser, "reviewer"));
        Api.Result ws = me.call("GET", "/assessment/api/assignments/" + blindAssignment, null, null);
        Api.Result saved = me.call("PUT", "/assessment/api/assignments/" + blindAssignment + "/answers", ANSWERS, ws.etag());
        assertThat(me.call("POST", "/assessment/api/assignments/" + blindAssignment + "/submit", null, saved.etag()).status())
                .isEqualTo(200);
        Api.eventually(() -> row(asLead.ok("GET", "/reporting/api/reviews/" + review + "/overview?size=50", null))
                .contains("\"blind\":false"), "reporting to end the blind");
        assertThat(asLead.ok("GET", "/reporting/api/reviews/" + review + "/early-warning", null)).contains(MARKER);
        assertThat(asLead.ok("GET", "/assessment/api/reviews/" + review + "/cases/" + caseId + "/history", null))
                .contains("\"actor\":\"" + firstUser + "\"");
        Api.eventually(() -> asLead.call("GET", "/recommendations/reviews/" + review, null, null).body().contains(MARKER),
                "recommendations to end the blind");
    }
}

package dk.gennemsyn.systemtests;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dk.gennemsyn.testsupport.Browser;
import dk.gennemsyn.testsupport.TestTokens;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's end-to-end flow in a real browser on one origin: sign in once, register a case in
 * case-intake, and see reporting count it and assessment keep it, after the event went through the outbox,
 * RabbitMQ and each consumer's inbox. Another municipality sees none of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkingSkeletonTest {

    RunningSystem system;
    Browser browser;

    @BeforeAll
    void start() throws Exception {
        system = new RunningSystem();
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aCaseRegisteredInIntakeIsCountedByReportingAndKeptByAssessment() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            signIn(page, "demo-0250-projektleder");
            assertThat(page.url()).endsWith("/intake/");
            assertThat(page.locator("header .tenant").textContent()).isEqualTo("Halsnæs Kommune");

            page.navigate(system.origin() + "/intake/cases");
            page.selectOption("#caseType", "anbringelse");
            page.click("text=Registrér sag");
            page.waitForURL("**/intake/cases/*");
            assertThat(page.locator("h1").textContent()).isEqualTo("Sag 1");
            page.navigate(system.origin() + "/intake/cases");
            assertThat(page.locator("#case-count").textContent()).isEqualTo("1");
            assertThat(page.locator("tr.case-row td").first().textContent()).isEqualTo("Sag 1");
            screenshot(page, "intake-home");

            // Same sign-in, another service, through the shared navigation.
            page.click("header nav >> text=Rapporter");
            assertThat(page.url()).endsWith("/reporting/");
            assertEventually(page, () -> page.locator("#total-cases").textContent().trim(), "1");
            assertThat(page.content()).contains("anbringelse");
            screenshot(page, "reporting-home");

            page.click("header nav >> text=Beskeder");
            assertThat(page.locator("h1").textContent()).isEqualTo("Indbakke");

            page.click("header nav >> text=Vurdering");
            assertEventually(page, () -> page.locator("#known-cases").textContent(), "1");

            page.click("header nav >> text=Anbefalinger og handleplaner");
            assertThat(page.locator("h1").textContent()).isEqualTo("Anbefalinger og handleplaner");

            // Another municipality sees none of Halsnæs' data.
            page.click("text=Log ud");
            signIn(page, "demo-0573-projektleder");
            page.navigate(system.origin() + "/intake/cases");
            assertThat(page.locator("#case-count").textContent()).isEqualTo("0");
            page.navigate(system.origin() + "/reporting/");
            assertThat(page.locator("#total-cases").textContent().trim()).isEqualTo("0");
        }
    }

    /**
     * One trace (OpenTelemetry, exported with OTLP) follows a request into the next services: the caller's span → the
     * case-intake server span → its database transaction → the relay's publish of the outbox row written in it → the
     * handling of the event in reporting and in assessment.
     */
    @Test
    void oneTraceFollowsARequestThroughTheOutboxAndTheBrokerIntoTheNextServices() throws Exception {
        String traceId = java.util.HexFormat.of().formatHex(java.util.UUID.randomUUID().toString().replace("-", "")
                .substring(0, 16).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String callerSpan = "00f067aa0ba902b7";
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(system.origin() + "/intake/api/cases"))
                .header("Authorization", "Bearer " + TestTokens.token("0250", "projektleder"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"caseType\":\"anbringelse\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);

        java.util.function.Supplier<List<OtlpCollector.SpanRecord>> trace = () -> system.traces.spans().stream()
                .filter(s -> s.traceId().equals(traceId)).toList();
        Api.eventually(() -> trace.get().stream().anyMatch(s -> s.service().equals("reporting") && s.kind() == 5)
                && trace.get().stream().anyMatch(s -> s.service().equals("assessment") && s.kind() == 5),
                "the event's consumer spans in reporting and assessment");
        List<OtlpCollector.SpanRecord> spans = trace.get();
        OtlpCollector.SpanRecord server = spans.stream().filter(s -> s.service().equals("case-intake") && s.kind() == 2)
                .findFirst().orElseThrow();
        assertThat(server.parentSpanId()).isEqualTo(callerSpan);
        // The request's database transaction (JDBC), in which the outbox row was written.
        List<String> transactions = spans.stream().filter(s -> s.service().equals("case-intake") && s.kind() == 3
                && s.parentSpanId().equals(server.spanId()) && s.name().equals("db write transaction"))
                .map(OtlpCollector.SpanRecord::spanId).toList();
        assertThat(transactions).as("the request's write transaction").isNotEmpty();
        List<OtlpCollector.SpanRecord> published = spans.stream()
                .filter(s -> s.service().equals("case-intake") && s.kind() == 4 && transactions.contains(s.parentSpanId()))
                .toList();
        assertThat(published).as("the publish of the outbox row written in that transaction").isNotEmpty()
                .allMatch(s -> s.name().startsWith("publish "));
        for (String consumer : List.of("reporting", "assessment")) {
            assertThat(spans).as(consumer + " handles the published event in the same trace")
                    .anyMatch(s -> s.service().equals(consumer) && s.kind() == 5 && s.name().startsWith("process ")
                            && published.stream().anyMatch(p -> p.spanId().equals(s.parentSpanId())));
        }
    }

    @Test
    void everyServiceAnswersItsHealthAndFirstPageOnTheOneOrigin() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            signIn(page, "demo-0330-tovholder");
            for (String prefix : RunningSystem.SERVICES.values()) {
                var response = page.navigate(system.origin() + prefix + "/");
                assertThat(response.status()).as(prefix).isEqualTo(200);
                assertThat(page.locator("header .user").textContent()).isEqualTo("Tovholder (Slagelse)");
                assertThat(page.locator("header nav a.current").getAttribute("href")).isEqualTo(prefix + "/");
                // Health and metrics are on the management port, which the origin (like the ingress) never routes.
                for (String management : List.of("/health/liveness", "/health", "/prometheus")) {
                    assertThat(page.navigate(system.origin() + prefix + management).status()).as(prefix + management)
                            .isIn(401, 404);
                }
                var health = page.navigate(system.management(prefix) + "/health/liveness");
                assertThat(health.status()).isEqualTo(200);
                assertThat(page.navigate(system.management(prefix) + "/prometheus").status()).isEqualTo(200);
            }
        }
    }

    /** A body over the limit gets 413 problem+json from the origin (it was nginx's HTML 502), uploads pass. */
    @Test
    void aBodyOverTheLimitIsA413ProblemAtTheOriginAndAnUploadStillPasses() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var big = java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.origin() + "/recommendations/api/reviews"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + dk.gennemsyn.testsupport.TestTokens.token("0400", "projektleder"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[50 * 1024 * 1024])).build();
        java.net.http.HttpResponse<String> r;
        try {
            r = client.send(big, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("the origin closed the connection instead of answering 413", e);
        }
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("urn:gennemsyn:problem:too-large");
        // 2 MB of CSV reaches the import (and is judged by it, not refused at the door); a tenant of its own, so the
        // other tests' counts stay as they are.
        String boundary = "gennemsyn-boundary";
        byte[] csv = ("sagsnummer;sagstype\n" + "2019-1;anbringelse\n".repeat(100_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(csv);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var upload = java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.origin() + "/intake/api/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + dk.gennemsyn.testsupport.TestTokens.token("0400", "projektleder"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        var started = client.send(upload, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    }

    @Test
    void swaggerUiRendersEachServicesApiFromLocalAssets() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(system.origin() + "/intake/api-docs");
            page.waitForSelector(".opblock-summary-path");
            assertThat(page.locator(".opblock-summary-path").allTextContents())
                    .contains("/intake/api/cases", "/intake/api/cases/{id}/access-log");
            page.navigate(system.origin() + "/reporting/api-docs");
            page.waitForSelector(".opblock-summary-path");
            assertThat(page.locator(".opblock-summary-path").allTextContents()).contains("/reporting/api/case-counts");
        }
    }

    /** Issue 3's flow as a projektleder does it: set up a review, import the case system's extract, draw a sample. */
    @Test
    void aReviewIsSetUpCasesAreImportedAndASampleIsDrawnAndShown() throws Exception {
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("udtraek", ".csv");
        StringBuilder file = new StringBuilder("sagsnummer;sagstype;fødselsår;team;rådgiver;status;hændelse;dato;note\n");
        for (int i = 1; i <= 30; i++) {
            file.append("2020-").append(1000 + i).append(';').append(i % 3 == 0 ? "anbringelse" : "forebyggende")
                    .append(";2012;Team ").append(i % 2 == 0 ? "Nord" : "Syd").append(";Rådgiver ").append(i % 4)
                    .append(";åben;underretning_modtaget;2015-0").append(1 + i % 9).append("-01;Fra skolen\n");
            file.append("2020-").append(1000 + i).append(';').append(i % 3 == 0 ? "anbringelse" : "forebyggende")
                    .append(";2012;Team ").append(i % 2 == 0 ? "Nord" : "Syd").append(";Rådgiver ").append(i % 4)
                    .append(";åben;bfu_afsluttet;2019-0").append(1 + i % 9).append("-15;\n");
        }
        java.nio.file.Files.writeString(csv, file);
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            signIn(page, "demo-0330-projektleder");
            page.fill("#title", "Gennemgang af børnesager 2026");
            page.fill("#periodFrom", "2016-01-01");
            page.click("text=Opret gennemgang");
            page.waitForURL("**/intake/reviews/*");
            String reviewUrl = page.url();
            assertThat(page.locator("#state").textContent()).isEqualTo("Planlægning");

            page.navigate(system.origin() + "/intake/imports");
            page.setInputFiles("#file", csv);
            page.click("text=Start import");
            page.waitForURL("**/intake/imports/*");
            // The page follows the job and shows its report when done.
            page.waitForSelector("#import-result:not([hidden])", new Page.WaitForSelectorOptions().setTimeout(30_000));
            assertThat(page.locator("#import-phase").textContent()).isEqualTo("Færdig");
            assertThat(page.locator("#cases-created").textContent()).isEqualTo("30");
            assertThat(page.locator("#import-progress").getAttribute("value")).isEqualTo("100");
            screenshot(page, "intake-import");

            page.navigate(reviewUrl);
            page.selectOption("#s-method", "proportional");
            page.selectOption("#s-strata", "caseType");
            page.fill("#s-size", "9");
            page.fill("#s-seed", "2026");
            page.click("button:has-text('Træk stikprøve')");
            page.waitForSelector("text=Stikprøveprotokol");
            assertThat(page.url()).isEqualTo(reviewUrl);
            assertThat(page.locator("#state").textContent()).isEqualTo("Stikprøve");
            assertThat(page.locator("#selected-count").textContent()).isEqualTo("9");
            assertThat(page.locator(".protocol .seed").textContent()).isEqualTo("2026");
            assertThat(page.locator(".protocol").textContent()).contains("anbringelse: 3 af 10").contains("forebyggende: 6 af 20");
            screenshot(page, "intake-review");

            // A selected case's timeline, with events before the period marked as context.
            page.locator("tr.selected-row a").first().click();
            page.waitForURL("**/intake/cases/*");
            assertThat(page.locator("tr.timeline-row").allTextContents()).anyMatch(t -> t.contains("Kontekst"))
                    .anyMatch(t -> t.contains("I perioden"));
            screenshot(page, "intake-case");
        } finally {
            java.nio.file.Files.deleteIfExists(csv);
        }
    }

    /**
     * Issue 5's flow across services: the projektleder names a tovholder and a meeting in case-intake and moves the
     * review on; notifications sends the tovholder the meeting's calendar invitation by e-mail, and the phase change
     * lands in their inbox, counted in the header of every service's pages.
     */
    @Test
    void aReviewsTovholderGetsTheMeetingInvitationAndThePhaseChangeInTheInbox() throws Exception {
        String meetingDate = java.time.LocalDate.now().plusDays(20).toString();
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            signIn(page, "demo-0250-projektleder");
            page.fill("#title", "Gennemgang med tovholder");
            page.click("text=Opret gennemgang");
            page.waitForURL("**/intake/reviews/*");
            String reviewUrl = page.url();
            page.fill("#p-name", "Tovholderen");
            page.fill("#p-user", "demo-0250-tovholder");
            page.fill("#p-email", "tovholder@halsnaes.example");
            page.selectOption("#p-role", "tovholder");
            page.click("button:has-text('Tilføj person')");
            page.waitForURL(reviewUrl);
            page.selectOption("#m-kind", "meeting");
            page.fill("#m-title", "Styregruppemøde");
            page.fill("#m-date", meetingDate);
            page.click("button:has-text('Tilføj milepæl')");
            page.waitForURL(reviewUrl);
            page.click("button:has-text('Gå til Stikprøve')");
            page.waitForURL(reviewUrl);
            assertThat(page.locator("#state").textContent()).isEqualTo("Stikprøve");

            // Other tests' e-mails may be in the same server: only the tovholder's count here.
            long deadline = System.currentTimeMillis() + 15_000;
            while (mailsTo("tovholder@halsnaes.example").length == 0
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            var mails = mailsTo("tovholder@halsnaes.example");
            assertThat(mails).hasSize(1);
            assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("tovholder@halsnaes.example");
            assertThat(mails[0].getSubject()).isEqualTo("Ny mødeindkaldelse: Styregruppemøde " + java.time.LocalDate
                    .parse(meetingDate).format(java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy")));
            var parts = (jakarta.mail.Multipart) mails[0].getContent();
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/calendar");
            assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("invitation.ics");
            var message = (jakarta.mail.Multipart) parts.getBodyPart(0).getContent();
            assertThat((String) message.getBodyPart(0).getContent()).contains(reviewUrl);

            page.click("text=Log ud");
            signIn(page, "demo-0250-tovholder");
            // The header of case-intake's page counts the tovholder's unread messages in notifications.
            assertEventually(page, () -> page.locator("#inbox-unread").textContent(), "1");
            page.click("#inbox-link");
            assertThat(page.locator("tr.message-row .subject").allTextContents())
                    .containsExactly("»Gennemgang med tovholder« er nu i fasen Stikprøve");
            screenshot(page, "notifications-inbox");
            page.click("button:has-text('Markér som læst')");
            page.waitForURL("**/notifications/");
            assertThat(page.locator("#unread-count").textContent()).isEqualTo("0");
            page.waitForFunction("() => document.getElementById('inbox-unread').hidden");
            assertThat(page.locator("#inbox-unread").isVisible()).isFalse();
            page.click("tr.message-row a.message-link");
            page.waitForURL(reviewUrl);
        }
    }

    /**
     * A review's work across all five services, through their APIs as the pages call them: case-intake sets up the
     * review and its sample; assessment distributes it and the reviewer submits assessments and a budget-relevant
     * finding; recommendations takes the finding as evidence, the steering group accepts, a focus area gets a measured
     * action; reporting shows the assessed cases, the finding in the budget early warning and the plan's progress,
     * built only from the events. Ends in the browser on reporting's overview.
     */
    @Test
    void anAssessmentBecomesEvidenceForARecommendationAndShowsInTheReportsAndThePlan() throws Exception {
        String t = "0101"; // a municipality no other test uses
        Api pl = new Api(system, TestTokens.token(t, "projektleder"));
        pl.call("GET", "/assessment/api/instruments", null, null); // seeds the shipped instruments
        java.util.regex.Matcher im = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"family\":\"[^\"]*\","
                + "\"version\":1,\"name\":\"Halsnæs-parametrene\"").matcher(pl.ok("GET", "/assessment/api/instruments", null));
        assertThat(im.find()).isTrue();
        String review = Api.id(pl.ok("POST", "/intake/api/reviews",
                "{\"title\":\"Gennemgang 2026\",\"instrumentId\":\"" + im.group(1) + "\"}"));
        pl.ok("POST", "/intake/api/reviews/" + review + "/people", "{\"userId\":\"rev-0101\",\"name\":\"Gennemgår\","
                + "\"role\":\"reviewer\",\"organisation\":\"KL\",\"email\":\"rev@kl.example\",\"accessTo\":\"2030-01-01T00:00:00Z\"}");
        for (int i = 0; i < 2; i++) {
            pl.ok("POST", "/intake/api/cases", "{\"caseType\":\"anbringelse\"}");
        }
        for (String tier : java.util.List.of("screening", "deep")) {
            pl.ok("POST", "/intake/api/reviews/" + review + "/samplings",
                    "{\"tier\":\"" + tier + "\",\"method\":\"simple\",\"size\":2,\"seed\":7}");
        }
        // Assessment learns of the selection through events, case by case: distribute until both cases are assigned
        // (distributing again assigns only what is new).
        Api rev = new Api(system, TestTokens.sign(TestTokens.claims(t, "reviewer").subject("rev-0101").build()));
        Api.eventually(() -> {
            pl.call("POST", "/assessment/api/reviews/" + review + "/assignments", "", null);
            return Api.ids(rev.ok("GET", "/assessment/api/assignments", null)).size() == 2;
        }, "the sample of two distributed");
        java.util.List<String> assignments = Api.ids(rev.ok("GET", "/assessment/api/assignments", null));
        assertThat(assignments).hasSize(2);
        String[] quality = {"2", "4"};
        for (int i = 0; i < 2; i++) {
            String a = assignments.get(i);
            Api.Result w = rev.call("GET", "/assessment/api/assignments/" + a, null, null);
            Api.Result saved = rev.call("PUT", "/assessment/api/assignments/" + a + "/answers", "{\"answers\":{"
                    + "\"faglig_kvalitet\":\"" + quality[i] + "\",\"sammenhaeng\":\"3\",\"omkostningseffektiv\":\"ja\","
                    + "\"kompensation\":\"overkompensation\",\"barnets_syn\":\"2\",\"foraeldrenes_syn\":\"3\"}}", w.etag());
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            Api.Result submitted = rev.call("POST", "/assessment/api/assignments/" + a + "/submit", "", saved.etag());
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        }
        String finding = Api.id(rev.ok("POST", "/assessment/api/assignments/" + assignments.get(0) + "/findings",
                "{\"category\":\"Økonomi\",\"severity\":\"major\",\"text\":\"Anbringelsen koster mere end behovet\","
                        + "\"budgetRelevant\":true,\"expectedYearlyKr\":250000}"));

        // Recommendations kept the finding from assessment's event: it can be cited as evidence.
        String[] rec = new String[1];
        Api.eventually(() -> {
            Api.Result r = pl.call("POST", "/recommendations/api/reviews/" + review + "/recommendations",
                    "{\"title\":\"Tilpas indsatsen til behovet\",\"theme\":\"valg_af_indsats\",\"body\":\"Revurder dyre anbringelser.\","
                            + "\"findingIds\":[\"" + finding + "\"]}", null);
            rec[0] = r.status() == 201 ? Api.id(r.body()) : null;
            return rec[0] != null;
        }, "the finding known to recommendations");
        assertThat(pl.ok("GET", "/recommendations/api/recommendations/" + rec[0], null)).contains(finding).contains("Sag ");
        Api sg = new Api(system, TestTokens.token(t, "styregruppe"));
        assertThat(sg.ok("POST", "/recommendations/api/recommendations/" + rec[0] + "/decisions", "{\"decision\":\"accepted\","
                + "\"reason\":\"Styregruppen tilslutter sig\",\"meetingDate\":\"" + java.time.LocalDate.now() + "\"}")).contains("accepted");
        String area = Api.id(pl.ok("POST", "/recommendations/api/reviews/" + review + "/focus-areas",
                "{\"title\":\"Valg af indsats\",\"horizon\":\"short\",\"recommendationIds\":[\"" + rec[0] + "\"]}"));
        String action = Api.id(pl.ok("POST", "/recommendations/api/focus-areas/" + area + "/actions", "{\"title\":\"Revisitér anbringelserne\","
                + "\"owner\":\"tov-0101\",\"dueDate\":\"" + java.time.LocalDate.now().plusDays(90) + "\",\"indicator\":\"Revisiterede sager\","
                + "\"unit\":\"%\",\"baseline\":0,\"target\":100}"));
        pl.ok("POST", "/recommendations/api/actions/" + action + "/measurements",
                "{\"value\":25,\"measuredOn\":\"" + java.time.LocalDate.now() + "\"}");

        // Reporting, from events only: both cases assessed with their answers, the finding's amount, the plan.
        Api.eventually(() -> {
            String o = pl.call("GET", "/reporting/api/reviews/" + review + "/overview", null, null).body();
            return o.contains("\"total\":2") && !o.contains("\"assessed\":false") && o.contains("\"faglig_kvalitet\":\"4\"");
        }, "the overview with both assessments");
        Api.eventually(() -> pl.call("GET", "/reporting/api/reviews/" + review + "/early-warning", null, null).body()
                .contains("\"totalKr\":250000"), "the budget early warning");
        Api.eventually(() -> {
            String plans = pl.call("GET", "/reporting/api/plans", null, null).body();
            return plans.contains("Revisitér anbringelserne") && plans.contains("\"progressPercent\":25");
        }, "the plan's progress");
        // Another municipality sees none of it.
        assertThat(new Api(system, TestTokens.token("0250", "projektleder"))
                .call("GET", "/reporting/api/reviews/" + review + "/overview", null, null).status()).isEqualTo(404);

        try (BrowserContext context = browser.signedIn(TestTokens.token(t, "projektleder"), "127.0.0.1")) {
            Page page = context.newPage();
            page.navigate(system.origin() + "/reporting/reviews/" + review);
            assertThat(page.locator("tr.case-row").count()).isEqualTo(2);
            assertThat(page.locator("tr.case-row td[data-question=kompensation]").allTextContents())
                    .containsOnly("Overkompensation");
            screenshot(page, "reporting-overview");
        }
    }

    jakarta.mail.internet.MimeMessage[] mailsTo(String address) {
        return java.util.Arrays.stream(system.smtp.getReceivedMessages()).filter(m -> {
            try {
                return java.util.Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(jakarta.mail.internet.MimeMessage[]::new);
    }

    /** Kept in target/system/screenshots for a person to look at; not compared. */
    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "system", "screenshots", name + ".png")));
    }

    void signIn(Page page, String user) {
        page.navigate(system.origin() + "/intake/login");
        page.click("button[data-user='" + user + "']");
        // Each role lands on its own start page (the projektleder on /intake/, the tovholder on the actions due).
        String role = user.replaceFirst("^demo-\\d{4}-", "");
        page.waitForURL("**" + PageCrawlTest.START.get(role));
    }

    /** Read models follow events: reload until the value shows (or fail after 15 s). */
    static void assertEventually(Page page, Supplier<String> value, String expected) {
        long deadline = System.currentTimeMillis() + 15_000;
        String last = value.get();
        while (!expected.equals(last) && System.currentTimeMillis() < deadline) {
            page.waitForTimeout(300);
            page.reload();
            last = value.get();
        }
        assertThat(last).isEqualTo(expected);
    }
}

package dk.gennemsyn.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every link on every page, as every role: the demo data of `./dev.sh run` (one municipality) loaded into the five
 * services, then each role signs in and follows every link it is shown, from each service's start page. No link
 * may answer 5xx, 404 or 403 (a link the role may not follow should not be shown), and no page a person opens may
 * answer JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageCrawlTest {

    static final String TENANT = "0250";
    static final List<String> ROLES = List.of("projektleder", "tovholder", "styregruppe", "reviewer", "validator",
            "tenant-admin");
    /** Where each role starts after signing in (platform StartPage). */
    static final Map<String, String> START = Map.of("projektleder", "/intake/", "tovholder", "/recommendations/actions",
            "styregruppe", "/recommendations/steering", "reviewer", "/assessment/", "validator", "/assessment/",
            "tenant-admin", "/intake/");
    static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Codes as the services store them (snake_case, UPPER_CASE) and the English words of their enums. */
    static final Pattern CODE = Pattern.compile("\\b([a-z]+_[a-z0-9_]+|[A-Z]{2,}_[A-Z0-9_]+|planning|sampling|reviewing|validating|reporting|closed|major|minor|"
            + "critical|accepted|rejected|pending|submitted|draft|planned|overdue|in_progress|done|null|true|false)\\b");
    /** English words a page in Danish should not show (buttons, messages, labels read aloud). */
    static final Pattern ENGLISH = Pattern.compile("\\b(Save|Submit|Cancel|Delete|Edit|Error|Search|Next|Previous|Back|"
            + "Loading|Welcome|Login|Logout|Sign in|Sign out|Settings|Unknown|None|Early warning|Export|Close|Home|"
            + "Yes|Show|Hide|Select|Choose|Required|Invalid|Not found|Forbidden|Page)\\b");
    /** Pages of the same shape (e.g. every case's page) are checked a few times, not each one. */
    static final int PER_SHAPE = 3;

    RunningSystem system;

    @BeforeAll
    void start() throws Exception {
        system = RunningSystem.withDemoData();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    record Visit(String path, String from) {
    }

    @Test
    void noLinkOnAnyPageFailsForAnyRole() throws Exception {
        Map<String, Integer> pagesPerRole = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String role : ROLES) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(system.origin() + "/intake/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=demo-" + TENANT + "-" + role)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).as(role + " signs in").isEqualTo(200);
            assertThat(signIn.uri().getPath()).as(role + " lands on its own start page").isEqualTo(START.get(role));
            List<String> pages = crawl(http, role, failures);
            pagesPerRole.put(role, pages.size());
            htmlPages.put(role, pages);
        }
        System.out.println("page crawl: " + pagesPerRole);
        assertThat(failures).as("links that fail").isEmpty();
        assertThat(pagesPerRole.values()).as("each role reaches a real number of pages").allMatch(n -> n >= 15);
    }

    /** The pages each role reached in the crawl (HTML only), for the accessibility check. */
    final Map<String, List<String>> htmlPages = new LinkedHashMap<>();

    /**
     * axe-core's WCAG 2.1 A/AA rules on every page shape the crawl reached (each shape once, as the first role that
     * reached it), in Chromium, filled with the demo data.
     */
    @Test
    void noPageViolatesWcag21AA() throws Exception {
        if (htmlPages.isEmpty()) {
            noLinkOnAnyPageFailsForAnyRole();
        }
        List<String> violations = new ArrayList<>();
        Map<String, Boolean> audited = new HashMap<>();
        int pages = 0;
        try (dk.gennemsyn.testsupport.Browser browser = dk.gennemsyn.testsupport.Browser.start()) {
            for (var entry : htmlPages.entrySet()) {
                try (var context = browser.auditContext()) {
                    var page = context.newPage();
                    page.navigate(system.origin() + "/intake/login");
                    page.click("button[data-user='demo-" + TENANT + "-" + entry.getKey() + "']");
                    page.waitForURL("**" + START.get(entry.getKey()));
                    for (String path : entry.getValue()) {
                        String shape = UUID.matcher(path).replaceAll("{id}").replaceAll("=[^&]*", "=");
                        if (audited.putIfAbsent(shape, true) != null || path.endsWith("/api-docs")) {
                            continue;
                        }
                        page.navigate(system.origin() + path);
                        pages++;
                        for (String v : dk.gennemsyn.testsupport.Accessibility.violations(page)) {
                            violations.add(entry.getKey() + " " + path + ": " + v);
                        }
                    }
                }
            }
        }
        System.out.println("axe-core (WCAG 2.1 A/AA): " + pages + " pages, " + violations.size() + " violations");
        assertThat(violations).as("WCAG 2.1 A/AA violations").isEmpty();
        assertThat(pages).as("pages checked").isGreaterThan(40);
    }

    private List<String> crawl(HttpClient http, String role, List<String> failures) throws Exception {
        List<String> html = new ArrayList<>();
        Deque<Visit> queue = new ArrayDeque<>();
        Map<String, Boolean> seen = new HashMap<>();
        Map<String, Integer> shapes = new HashMap<>();
        queue.add(new Visit(START.get(role), "sign-in"));
        for (String prefix : RunningSystem.SERVICES.values()) {
            queue.add(new Visit(prefix + "/", "the navigation"));
        }
        int visited = 0;
        while (!queue.isEmpty() && visited < 800) {
            Visit v = queue.poll();
            if (seen.putIfAbsent(v.path(), true) != null) {
                continue;
            }
            String shape = UUID.matcher(v.path()).replaceAll("{id}").replaceAll("=[^&]*", "=");
            if (shapes.merge(shape, 1, Integer::sum) > PER_SHAPE) {
                continue;
            }
            visited++;
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(system.origin() + v.path()))
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            String where = role + ": " + r.statusCode() + " " + v.path() + " (linked from " + v.from() + ")";
            if (r.statusCode() >= 500 || r.statusCode() == 404 || r.statusCode() == 403 || r.statusCode() == 401) {
                failures.add(where);
                continue;
            }
            if (r.uri().getPath().endsWith("/login")) {
                failures.add(where + " → sent to sign-in");
                continue;
            }
            if (!v.path().contains("/api/") && type.contains("json")) {
                failures.add(where + " → a JSON page");
                continue;
            }
            if (!type.startsWith("text/html")) {
                continue;
            }
            html.add(v.path());
            java.nio.file.Path saved = java.nio.file.Path.of("target", "crawl", role, String.format("%03d.html", visited));
            java.nio.file.Files.createDirectories(saved.getParent());
            java.nio.file.Files.writeString(saved, "<!-- " + v.path() + " -->\n" + r.body());
            // The API documentation is for developers: there the service's name and its codes are the point.
            Matcher code = CODE.matcher(v.path().endsWith("/api-docs") ? "" : visibleText(r.body()));
            Matcher english = ENGLISH.matcher(v.path().endsWith("/api-docs") ? "" : visibleText(r.body()));
            if (english.find()) {
                failures.add(where + " → shows the English word '" + english.group(1) + "'");
            }
            if (code.find()) {
                failures.add(where + " → shows the code '" + code.group(1) + "'");
            }
            Matcher m = HREF.matcher(r.body());
            while (m.find()) {
                String link = m.group(1).replace("&amp;", "&");
                if (link.startsWith(system.origin())) {
                    link = link.substring(system.origin().length());
                }
                if (!link.startsWith("/") || link.startsWith("//") || link.contains("/static/")
                        || link.contains("/swagger") || link.endsWith("/logout")) {
                    continue;
                }
                if (link.matches(".*[?&]page=(?!(0|[1-9][0-9]*)(&|$)).*")) {
                    failures.add(role + ": a pager link with a garbled page number " + link + " on " + v.path());
                }
                int hash = link.indexOf('#');
                link = hash >= 0 ? link.substring(0, hash) : link;
                if (!seen.containsKey(link)) {
                    queue.add(new Visit(link, v.path()));
                }
            }
        }
        return html;
    }

    /** What a person reads: no markup, scripts, attributes, or text marked as a code ({@code <code>}, form values). */
    /** The text a person sees or hears: the page's text and the labels read aloud (aria-label, title, alt, placeholder). */
    static String visibleText(String html) {
        StringBuilder spoken = new StringBuilder();
        Matcher labels = SPOKEN.matcher(html);
        while (labels.find()) {
            spoken.append(' ').append(labels.group(2));
        }
        return html.replaceAll("(?s)<(script|style|code|pre|option|textarea)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?s)<[^>]*>", " ").replace("&nbsp;", " ") + spoken;
    }

    static final Pattern SPOKEN = Pattern.compile("\\s(aria-label|title|alt|placeholder)=\"([^\"]*)\"");
}

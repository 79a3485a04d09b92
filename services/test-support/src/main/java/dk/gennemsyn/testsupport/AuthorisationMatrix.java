package dk.gennemsyn.testsupport;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expected authorisation of a service's API as data: one row per operation of its OpenAPI document,
 * {@code METHOD | path | params | one verdict per role | body}. A verdict is {@code ok} (allowed on the
 * municipality's objects, whichever review they belong to), {@code own} (allowed only in a review the caller is a
 * member of) or {@code no} (refused: 403 or 404). Another municipality is refused for every role on every row, and
 * sees none of this municipality's ids in any answer. {@code params} maps each path variable to a fixture key
 * ({@code id=case}, {@code ?a=review} for a query parameter; a key may be per role, {@code item@reviewer}, for things that are a person's own); the body is JSON and may use {@code ${key}}, or {@code multipart:} and a file's content
 * ({@code \n} for a line break). Every write is sent with {@code If-Match: "v1"}.
 */
public final class AuthorisationMatrix {

    /** The roles, in the order of the verdict columns. */
    public static final List<String> ROLES =
            List.of("projektleder", "tovholder", "styregruppe", "reviewer", "validator", "tenant-admin");

    /** One operation's expected verdicts. */
    public record Row(String method, String path, Map<String, String> params, List<String> verdicts, String body,
                      int line) {
        public String key() {
            return method + " " + path;
        }

        public String verdict(String role) {
            return verdicts.get(ROLES.indexOf(role));
        }
    }

    private static final Pattern VAR = Pattern.compile("\\{([^}]+)}");

    private AuthorisationMatrix() {
    }

    public static List<Row> parse(InputStream in) throws IOException {
        List<Row> rows = new ArrayList<>();
        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\|", 5);
            if (cells.length < 4) {
                throw new IllegalArgumentException("line " + (i + 1) + ": METHOD | path | params | verdicts | body");
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String p : cells[2].strip().split("\\s+")) {
                if (!p.isEmpty() && !p.equals("-")) {
                    String[] kv = p.split("=", 2);
                    params.put(kv[0], kv[1]);
                }
            }
            List<String> verdicts = List.of(cells[3].strip().split("\\s+"));
            if (verdicts.size() != ROLES.size() || !Set.of("ok", "own", "no").containsAll(verdicts)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": one of ok/own/no per role " + ROLES);
            }
            String body = cells.length > 4 ? cells[4].strip() : "";
            rows.add(new Row(cells[0].strip().toUpperCase(java.util.Locale.ROOT), cells[1].strip(), params, verdicts,
                    body.isEmpty() || body.equals("-") ? null : body, i + 1));
        }
        return rows;
    }

    /** Every operation of an OpenAPI document, as "METHOD path". */
    @SuppressWarnings("unchecked")
    public static Set<String> operations(InputStream openApiYaml) {
        Map<String, Object> doc = new Yaml().load(openApiYaml);
        Set<String> out = new TreeSet<>();
        ((Map<String, Object>) doc.get("paths")).forEach((path, ops) ->
                ((Map<String, Object>) ops).keySet().forEach(m -> {
                    if (List.of("get", "post", "put", "patch", "delete").contains(m)) {
                        out.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path);
                    }
                }));
        return out;
    }

    /** The path with its variables filled from the fixture (keys prefixed for another relation, e.g. "other."). */
    public static String fill(Row row, Map<String, String> fixture, String prefix, String role) {
        Matcher m = VAR.matcher(row.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = row.params().get(m.group(1));
            if (key == null) {
                throw new IllegalArgumentException("line " + row.line() + ": no fixture key for {" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value(fixture, prefix, key, role, row)));
        }
        m.appendTail(out);
        String query = String.join("&", row.params().entrySet().stream().filter(e -> e.getKey().startsWith("?"))
                .map(e -> e.getKey().substring(1) + "=" + value(fixture, prefix, e.getValue(), role, row)).toList());
        return query.isEmpty() ? out.toString() : out + "?" + query;
    }

    /** The body with ${key} filled from the fixture. */
    public static String body(Row row, Map<String, String> fixture, String prefix, String role) {
        if (row.body() == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(row.body());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(fixture, prefix, m.group(1), role, row)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether the row touches something of a review, so that "another review" means something for it. */
    public static boolean hasOtherReview(Row row, Map<String, String> fixture) {
        return row.params().values().stream().anyMatch(k -> fixture.keySet().stream()
                .anyMatch(f -> f.equals("other." + k) || f.startsWith("other." + k + "@")));
    }

    private static String value(Map<String, String> fixture, String prefix, String key, String role, Row row) {
        // Most specific first: "other.item@reviewer", "item@reviewer", "other.item", "item".
        String v = fixture.get(prefix + key + "@" + role);
        if (v == null && prefix.isEmpty()) {
            v = fixture.get(key + "@" + role);
        }
        if (v == null) {
            v = fixture.get(prefix + key);
        }
        if (v == null) {
            v = fixture.get(key); // tenant-level objects are the same for every review
        }
        if (v == null) {
            throw new IllegalArgumentException("line " + row.line() + ": the fixture has no '" + key + "'");
        }
        return v;
    }

    /** What a walk found: the rows as observed (same format), and every difference from the expected matrix. */
    public record Walk(List<String> observed, List<String> differences, int requests) {
    }

    /**
     * Calls every row for every role: another municipality first, then another review of the same municipality,
     * then the caller's own review. Writes get a fresh fixture per role, so one role's change cannot decide another's.
     */
    public static Walk walk(List<Row> rows, io.micronaut.http.client.BlockingHttpClient client,
                            java.util.function.Supplier<Map<String, String>> fixtures, String tenant, String otherTenant) {
        List<String> observed = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        int requests = 0;
        Map<String, String> shared = fixtures.get();
        for (Row row : rows) {
            List<String> seen = new ArrayList<>();
            for (String role : ROLES) {
                Map<String, String> fixture = row.method().equals("GET") ? shared : fixtures.get();
                var foreign = call(client, row, fixture, "", otherTenant, role);
                requests++;
                // An id the caller sent may be echoed back (problem+json names the path); any other is a leak.
                String sent = fill(row, fixture, "", role) + " " + body(row, fixture, "", role);
                boolean leaks = fixture.values().stream().anyMatch(id -> id.length() >= 32 && !sent.contains(id)
                        && foreign.body().contains(id));
                // A path naming only shared names (a template's trigger) is the caller's own municipality's thing.
                boolean foreignIds = !row.params().isEmpty() && fixture.values().stream()
                        .anyMatch(id -> id.length() >= 32 && sent.contains(id));
                if ((foreignIds && allowed(foreign.status())) || leaks) {
                    differences.add(row.key() + " as " + role + " of another municipality: " + foreign.status()
                            + (leaks ? " and the answer names this municipality's ids" : "") + " "
                            + abbreviate(foreign.body()));
                }
                Integer otherReview = null;
                if (hasOtherReview(row, fixture)) {
                    otherReview = call(client, row, fixture, "other.", tenant, role).status();
                    requests++;
                }
                var own = call(client, row, fixture, "", tenant, role);
                requests++;
                if (own.status() >= 500) {
                    differences.add(row.key() + " as " + role + ": " + own.status() + " " + own.body());
                }
                String verdict = !allowed(own.status()) ? "no"
                        : otherReview == null || allowed(otherReview) ? "ok" : "own";
                seen.add(verdict);
                if (!verdict.equals(row.verdict(role))) {
                    differences.add(row.key() + " (line " + row.line() + ") as " + role + ": expected "
                            + row.verdict(role) + ", got " + verdict + " (own review " + own.status()
                            + (otherReview == null ? "" : ", other review " + otherReview) + ") " + abbreviate(own.body()));
                }
            }
            String params = row.params().isEmpty() ? "-" : String.join(" ", row.params().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
            observed.add(row.method() + " | " + row.path() + " | " + params + " | " + String.join(" ", seen)
                    + (row.body() == null ? "" : " | " + row.body()));
        }
        return new Walk(observed, differences, requests);
    }

    private static Http.Result call(io.micronaut.http.client.BlockingHttpClient client, Row row,
                                    Map<String, String> fixture, String prefix, String tenant, String role) {
        String body = body(row, fixture, prefix, role);
        var request = io.micronaut.http.HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(row.method()),
                fill(row, fixture, prefix, role)).bearerAuth(TestTokens.token(tenant, role));
        if (!row.method().equals("GET")) {
            request.header("If-Match", "\"v1\""); // the first version: a stale one is refused after authorisation
        }
        if (body != null && body.startsWith("multipart:")) {
            request.body(io.micronaut.http.client.multipart.MultipartBody.builder().addPart("file", "udtræk.csv",
                    io.micronaut.http.MediaType.TEXT_PLAIN_TYPE, body.substring("multipart:".length())
                            .replace("\\n", "\n").getBytes(StandardCharsets.UTF_8)).build())
                    .contentType(io.micronaut.http.MediaType.MULTIPART_FORM_DATA_TYPE);
        } else if (body != null) {
            request.body(body).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE);
        } else if (!row.method().equals("GET") && !row.method().equals("DELETE")) {
            request.body("{}").contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE);
        }
        return Http.call(client, request);
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    /**
     * The whole check for a service: the matrix ({@code authorisation.matrix} on the test classpath) names exactly
     * the operations of the service's OpenAPI document, and every row answers as it says. The rows as observed are
     * written to {@code target/authorisation-observed.matrix}, to compare when a route changes.
     */
    public static void check(String service, io.micronaut.http.client.BlockingHttpClient client,
                             java.util.function.Supplier<Map<String, String>> fixtures) throws IOException {
        ClassLoader loader = AuthorisationMatrix.class.getClassLoader();
        List<Row> rows;
        try (InputStream in = loader.getResourceAsStream("authorisation.matrix")) {
            if (in == null) {
                throw new AssertionError("no authorisation.matrix in " + service + "'s test resources");
            }
            rows = parse(in);
        }
        Set<String> operations;
        try (InputStream in = loader.getResourceAsStream("META-INF/swagger/" + service + "-1.0.0.yml")) {
            operations = operations(in);
        }
        Set<String> inMatrix = new TreeSet<>();
        rows.forEach(r -> inMatrix.add(r.key()));
        Set<String> missing = new TreeSet<>(operations);
        missing.removeAll(inMatrix);
        Set<String> stale = new TreeSet<>(inMatrix);
        stale.removeAll(operations);
        Walk walk = walk(rows, client, fixtures, "0250", "0573");
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "authorisation-observed.matrix"),
                String.join("\n", walk.observed()) + "\n");
        System.out.printf("Authorisation matrix %s: %d operations x %d roles, %d requests, %d differences%n",
                service, rows.size(), ROLES.size(), walk.requests(), walk.differences().size());
        if (!missing.isEmpty() || !stale.isEmpty() || !walk.differences().isEmpty()) {
            throw new AssertionError("Authorisation matrix of " + service + ":"
                    + (missing.isEmpty() ? "" : "\n  operations missing from the matrix: " + missing)
                    + (stale.isEmpty() ? "" : "\n  rows for no operation: " + stale)
                    + (walk.differences().isEmpty() ? "" : "\n  " + String.join("\n  ", walk.differences())));
        }
    }

    /** Whether a status means the caller got through (a refused caller gets 401, 403 or 404). */
    public static boolean allowed(int status) {
        return status != 401 && status != 403 && status != 404 && status < 500;
    }
}

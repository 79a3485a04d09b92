package dk.gennemsyn.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' APIs as a signed-in client calls them: bearer token, JSON, If-Match where a version is needed. */
record Api(HasOrigin system, String token) {
    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    record Result(int status, String body, String etag) {
    }

    Result call(String method, String path, String json, String ifMatch) {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.origin() + path))
                .header("Authorization", "Bearer " + token)
                // A page (or a download) as a browser asks for it; the API as JSON.
                .header("Accept", path.contains("/api/") ? "application/json" : "text/html,*/*;q=0.8")
                .timeout(java.time.Duration.ofSeconds(30))
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        try {
            var r = HTTP.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Result(r.statusCode(), r.body(), r.headers().firstValue("ETag").orElse(null));
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    /** The body of a 2xx answer; anything else fails the test with what the service said. */
    String ok(String method, String path, String json) {
        Result r = call(method, path, json, null);
        assertThat(r.status()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body();
    }

    /** Uploads a case-system extract (CSV) to case-intake's import as a file; returns the job's id (202). */
    String startImport(String csv) {
        String boundary = "----gennemsyn" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sager.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        try {
            var r = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.origin() + "/intake/api/imports"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("import refused: " + r.statusCode() + " " + r.body());
            }
            return id(r.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("import upload", e);
        }
    }

    /** Waits until the import job succeeded; fails at once when it failed or was refused, or after the timeout. */
    void awaitImport(String job, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String state = ok("GET", "/intake/api/imports/" + job, null);
            if (state.contains("\"status\":\"succeeded\"")) {
                return;
            }
            if (state.matches("(?s).*\"status\":\"(failed|rejected|partly_imported)\".*") || System.nanoTime() > deadline) {
                throw new IllegalStateException("import did not finish: " + state);
            }
            Thread.sleep(100);
        }
    }

    static String id(String json) {
        java.util.regex.Matcher m = ID.matcher(json);
        assertThat(m.find()).as("an id in " + json).isTrue();
        return m.group(1);
    }

    static java.util.List<String> ids(String json) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"").matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * Read models follow events: observe until the observation passes, or fail after 30 s with what never came and the
     * last thing seen. Returns the passing observation.
     */
    static String eventually(java.util.function.Supplier<String> observe,
                             java.util.function.Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            String seen = observe.get();
            if (condition.test(seen)) {
                return seen;
            }
            assertThat(System.currentTimeMillis()).as("waited 30 s for " + what + "; last seen: "
                    + seen.substring(0, Math.min(seen.length(), 3000))).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Read models follow events: retry until true, or fail after 30 s naming what never came. */
    static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited 30 s for " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}

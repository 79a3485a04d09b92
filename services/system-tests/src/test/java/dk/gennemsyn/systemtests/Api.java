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
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
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

    /** Read models follow events: retry until true, or fail after 30 s naming what never came. */
    static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited 30 s for " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}

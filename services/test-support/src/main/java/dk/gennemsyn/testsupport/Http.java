package dk.gennemsyn.testsupport;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

/** One HTTP exchange whatever its status, so tests can assert on 4xx bodies too. */
public final class Http {

    public record Result(int status, String body, HttpHeaders headers) {
        public String contentType() {
            return headers.get(HttpHeaders.CONTENT_TYPE);
        }
    }

    private Http() {
    }

    public static Result call(BlockingHttpClient client, HttpRequest<?> request) {
        try {
            HttpResponse<String> r = client.exchange(request, String.class);
            return new Result(r.code(), r.getBody().orElse(""), r.getHeaders());
        } catch (HttpClientResponseException e) {
            return new Result(e.code(), e.getResponse().getBody(String.class).orElse(""), e.getResponse().getHeaders());
        }
    }
}

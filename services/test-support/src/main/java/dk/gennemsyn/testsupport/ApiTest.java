package dk.gennemsyn.testsupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import dk.gennemsyn.proto.platform.v1.Envelope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Base for a service's API tests: its own database and vhost, an HTTP client with tokens, a spy on the events the
 * service publishes, superuser SQL for checking what is really stored, and a Chromium for the pages.
 */
public abstract class ApiTest extends ServiceTest {

    @Inject @Client("/") protected HttpClient http;
    @Inject protected JsonMapper json;
    @Inject protected EmbeddedServer server;
    protected final ConcurrentLinkedQueue<Envelope> published = new ConcurrentLinkedQueue<>();
    private com.rabbitmq.client.Connection spy;
    private Browser browser;

    /** The package of the events the service publishes, e.g. "gennemsyn.caseintake.v1". */
    protected abstract String eventPackage();

    @BeforeAll
    void listen() throws Exception {
        var factory = new ConnectionFactory();
        factory.setUri(TestInfra.rabbitUri(getProperties()));
        spy = factory.newConnection("spy");
        Channel ch = spy.createChannel();
        ch.exchangeDeclare("gennemsyn.events", "topic", true);
        String q = ch.queueDeclare().getQueue();
        ch.queueBind(q, "gennemsyn.events", eventPackage() + ".#");
        ch.basicConsume(q, true, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, com.rabbitmq.client.Envelope env, AMQP.BasicProperties props,
                                       byte[] body) throws IOException {
                published.add(Envelope.parseFrom(body));
            }
        });
    }

    @AfterAll
    void closeSpy() throws Exception {
        spy.close();
    }

    /** One Chromium per test class, started on first use (most API tests never need one). */
    protected Browser browser() {
        if (browser == null) {
            browser = Browser.start();
        }
        return browser;
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The address of a path on this service's embedded server. */
    protected String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }

    protected List<Envelope> events(String type) {
        return published.stream().filter(e -> e.getEventType().equals(eventPackage() + "." + type)).toList();
    }

    /** Sends an event as another service would (copies > 1: the same event delivered again). Returns its id. */
    protected String send(String tenant, String aggregateId, com.google.protobuf.Message event, int copies) {
        String id = java.util.UUID.randomUUID().toString();
        TestEvents.publish(getProperties(), copies, TestEvents.envelope(tenant, id, aggregateId, event));
        return id;
    }

    protected Http.Result call(MutableHttpRequest<?> request, String tenant, String... roles) {
        return Http.call(http.toBlocking(), request.bearerAuth(TestTokens.token(tenant, roles)));
    }

    protected Http.Result post(String path, Object body, String tenant, String... roles) {
        return call(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON), tenant, roles);
    }

    protected Http.Result get(String path, String tenant, String... roles) {
        return call(HttpRequest.GET(path), tenant, roles);
    }

    protected JsonNode tree(Http.Result r) {
        try {
            return json.readValue(r.body(), JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON (" + r.status() + "): " + r.body(), e);
        }
    }

    protected String id(Http.Result r) {
        return tree(r).get("id").getStringValue();
    }

    /** A query as the database superuser (bypasses RLS): for checking what is really stored. */
    protected <T> List<T> sql(String query, RowMapper<T> mapper) {
        String url = getProperties().get("datasources.default.url");
        String db = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = TestInfra.adminConnection(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            List<T> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected long count(String query) {
        return sql(query, rs -> rs.getLong(1)).get(0);
    }

    @FunctionalInterface
    protected interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}

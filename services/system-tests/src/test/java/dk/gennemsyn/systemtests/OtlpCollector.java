package dk.gennemsyn.systemtests;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * Receives OTLP traces over HTTP (protobuf) on 127.0.0.1, as an OpenTelemetry collector would, and keeps the spans.
 * The request is read field by field (ExportTraceServiceRequest → ResourceSpans → ScopeSpans → Span, by the field
 * numbers of opentelemetry-proto), so no generated classes are needed.
 */
final class OtlpCollector implements AutoCloseable {

    /** kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
    record SpanRecord(String service, String traceId, String spanId, String parentSpanId, String name, long kind) {
    }

    private static final HexFormat HEX = HexFormat.of();
    private final HttpServer server;
    private final List<SpanRecord> spans = new CopyOnWriteArrayList<>();

    OtlpCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(raw) : raw;
                read(UnknownFieldSet.parseFrom(in.readAllBytes()));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } catch (RuntimeException | IOException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<SpanRecord> spans() {
        return List.copyOf(spans);
    }

    private void read(UnknownFieldSet request) throws IOException {
        for (ByteString resourceSpans : lengthDelimited(request, 1)) {
            UnknownFieldSet rs = UnknownFieldSet.parseFrom(resourceSpans);
            String service = "";
            for (ByteString resource : lengthDelimited(rs, 1)) {
                for (ByteString attribute : lengthDelimited(UnknownFieldSet.parseFrom(resource), 1)) {
                    UnknownFieldSet kv = UnknownFieldSet.parseFrom(attribute);
                    if (string(kv, 1).equals("service.name")) {
                        service = string(UnknownFieldSet.parseFrom(lengthDelimited(kv, 2).get(0)), 1);
                    }
                }
            }
            for (ByteString scopeSpans : lengthDelimited(rs, 2)) {
                for (ByteString span : lengthDelimited(UnknownFieldSet.parseFrom(scopeSpans), 2)) {
                    UnknownFieldSet s = UnknownFieldSet.parseFrom(span);
                    var kind = s.getField(6).getVarintList();
                    spans.add(new SpanRecord(service, hex(s, 1), hex(s, 2), hex(s, 4), string(s, 5),
                            kind.isEmpty() ? 0 : kind.get(0)));
                }
            }
        }
    }

    private static List<ByteString> lengthDelimited(UnknownFieldSet set, int field) {
        return set.hasField(field) ? set.getField(field).getLengthDelimitedList() : List.of();
    }

    private static String string(UnknownFieldSet set, int field) {
        List<ByteString> values = lengthDelimited(set, field);
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }

    private static String hex(UnknownFieldSet set, int field) {
        List<ByteString> values = lengthDelimited(set, field);
        return values.isEmpty() ? "" : HEX.formatHex(values.get(0).toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

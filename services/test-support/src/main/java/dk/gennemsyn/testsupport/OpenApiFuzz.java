package dk.gennemsyn.testsupport;

import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls every operation of a service's OpenAPI document with malformed path parameters, query parameters, bodies
 * and content types, over a raw socket (so invalid percent-encodings and bytes reach the server as sent). Any 5xx or
 * a dropped connection is a finding.
 */
public final class OpenApiFuzz {

    /** One request that went wrong. */
    public record Finding(String method, String target, String contentType, String body, String outcome) {
        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 80 ? body.substring(0, 80) + "…" : body;
            return method + " " + (target.length() > 120 ? target.substring(0, 120) + "…" : target)
                    + " [" + contentType + "] " + shown + " -> " + outcome;
        }
    }

    /** What a run did: how many requests per status class, and the findings. */
    public record Report(int operations, int requests, Map<Integer, Integer> byStatusClass, List<Finding> findings) {
    }

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String LONG = "a".repeat(100_001);
    /** Path segments no route should choke on. Raw: the socket sends them exactly like this. */
    static final List<String> BAD_SEGMENTS = List.of("x", "0", "-1", "%00", "%ZZ", "%", "%C0%AF", "..%2F..",
            "%27%22%3Cscript%3E", "9".repeat(40), "a".repeat(3000), "00000000-0000-0000-0000-00000000000g",
            "null", "%E2%80%AE", "%01");
    private static final List<String> BAD_QUERY_VALUES = List.of("x", "-1", "99999999999999999999", "%00", "%ZZ",
            "a".repeat(10_000), "1e309", "true%00", "");
    private static final List<String> BAD_BODIES = List.of("", "{", "}", "[]", "null", "\"x\"", "0",
            "{\"a\":", "{\"a\":1,}", "[".repeat(5000) + "]".repeat(5000), "{\"x\":\"\\ud800\"}", "\u0000",
            "{\"x\":\"" + "\\u0000" + "\"}");
    private static final List<String> WRONG_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=nope",
            "image/png", "");

    private final String host;
    private final int port;
    private final String token;
    private final Map<String, Object> doc;
    private final Map<String, Object> schemas;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Integer, Integer> byClass = new java.util.TreeMap<>();
    private int requests;

    @SuppressWarnings("unchecked")
    private OpenApiFuzz(String host, int port, String token, InputStream openApiYaml) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.doc = new Yaml().load(openApiYaml);
        Map<String, Object> components = (Map<String, Object>) doc.getOrDefault("components", Map.of());
        this.schemas = (Map<String, Object>) components.getOrDefault("schemas", Map.of());
    }

    /** Runs the whole document against host:port with the given bearer token. */
    public static Report run(String host, int port, String token, InputStream openApiYaml) {
        return new OpenApiFuzz(host, port, token, openApiYaml).run();
    }

    @SuppressWarnings("unchecked")
    private Report run() {
        int operations = 0;
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        for (var path : paths.entrySet()) {
            for (var op : ((Map<String, Object>) path.getValue()).entrySet()) {
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                operations++;
                fuzz(method, path.getKey(), (Map<String, Object>) op.getValue());
            }
        }
        return new Report(operations, requests, byClass, List.copyOf(findings));
    }

    @SuppressWarnings("unchecked")
    private void fuzz(String method, String template, Map<String, Object> op) {
        List<Map<String, Object>> params = (List<Map<String, Object>>) op.getOrDefault("parameters", List.of());
        Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
        String contentType = "application/json";
        Object validBody = null;
        if (body != null) {
            Map<String, Object> content = (Map<String, Object>) body.get("content");
            contentType = content.keySet().iterator().next();
            validBody = example(((Map<String, Object>) content.get(contentType)).get("schema"), 0);
        }
        String json = validBody == null ? null : toJson(validBody);
        String plainPath = fill(template, null);
        String query = requiredQuery(params, null, null);

        // Path parameters: each malformed value in each parameter, with a plausible body.
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            for (String bad : BAD_SEGMENTS) {
                send(method, fill(template, Map.of(m.group(1), bad)) + query, contentType, json);
            }
        }
        // Query parameters: each malformed value in each one.
        for (Map<String, Object> p : params) {
            if ("query".equals(p.get("in"))) {
                for (String bad : BAD_QUERY_VALUES) {
                    send(method, plainPath + requiredQuery(params, (String) p.get("name"), bad), contentType, json);
                }
            }
        }
        if (body == null) {
            return;
        }
        if (contentType.startsWith("multipart/")) {
            multipart(method, plainPath + query);
            return;
        }
        for (String bad : BAD_BODIES) {
            send(method, plainPath + query, contentType, bad);
        }
        for (String type : WRONG_TYPES) {
            send(method, plainPath + query, type, json);
        }
        // Each property of the body with the wrong type, null, or far too long.
        if (validBody instanceof Map<?, ?> valid) {
            for (Object key : valid.keySet()) {
                for (Object wrong : new Object[]{12345, true, null, List.of(), Map.of(), "x", LONG, "\u0001",
                        "9".repeat(400), -1}) {
                    Map<String, Object> changed = new LinkedHashMap<>((Map<String, Object>) valid);
                    changed.put((String) key, wrong);
                    send(method, plainPath + query, contentType, toJson(changed));
                }
            }
        }
    }

    private void multipart(String method, String target) {
        String b = "----fuzz";
        List<String> bodies = List.of("",
                "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc",
                "--" + b + "--\r\n",
                "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n\u0000\u0001;;;\r\n--" + b + "--\r\n",
                "--" + b + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--" + b + "--\r\n");
        for (String body : bodies) {
            send(method, target, "multipart/form-data; boundary=" + b, body);
        }
        send(method, target, "multipart/form-data", "x");
        send(method, target, "application/json", "{}");
    }

    private static String fill(String template, Map<String, String> bad) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = bad != null && bad.containsKey(m.group(1)) ? bad.get(m.group(1))
                    : UUID.randomUUID().toString();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private String requiredQuery(List<Map<String, Object>> params, String badName, String badValue) {
        StringBuilder q = new StringBuilder();
        for (Map<String, Object> p : params) {
            if (!"query".equals(p.get("in"))) {
                continue;
            }
            String name = (String) p.get("name");
            String value;
            if (name.equals(badName)) {
                value = badValue;
            } else if (Boolean.TRUE.equals(p.get("required"))) {
                Object example = example(p.get("schema"), 0);
                value = java.net.URLEncoder.encode(String.valueOf(example), StandardCharsets.UTF_8);
            } else {
                continue;
            }
            q.append(q.isEmpty() ? "?" : "&").append(name).append('=').append(value);
        }
        return q.toString();
    }

    /** A plausible value for a schema, so that only the part under test is malformed. */
    @SuppressWarnings("unchecked")
    private Object example(Object schemaObject, int depth) {
        if (!(schemaObject instanceof Map<?, ?>) || depth > 6) {
            return "x";
        }
        Map<String, Object> schema = (Map<String, Object>) schemaObject;
        if (schema.containsKey("$ref")) {
            String ref = (String) schema.get("$ref");
            return example(schemas.get(ref.substring(ref.lastIndexOf('/') + 1)), depth + 1);
        }
        if (schema.containsKey("allOf")) {
            return example(((List<Object>) schema.get("allOf")).get(0), depth + 1);
        }
        if (schema.containsKey("default")) {
            return schema.get("default");
        }
        if (schema.containsKey("enum")) {
            return ((List<Object>) schema.get("enum")).get(0);
        }
        String type = String.valueOf(schema.getOrDefault("type", schema.containsKey("properties") ? "object" : "string"));
        String format = String.valueOf(schema.get("format"));
        return switch (type) {
            case "object" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                var props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                props.forEach((k, v) -> out.put(k, example(v, depth + 1)));
                yield out;
            }
            case "array" -> List.of(example(schema.get("items"), depth + 1));
            case "integer" -> 1;
            case "number" -> 1.5;
            case "boolean" -> true;
            default -> switch (format) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date" -> "2026-01-15";
                case "date-time" -> "2026-01-15T10:00:00Z";
                default -> "Tekst";
            };
        };
    }

    @SuppressWarnings("unchecked")
    private static String toJson(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder("{");
            map.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append(toJson(String.valueOf(k))).append(':')
                    .append(toJson(v)));
            return s.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder s = new StringBuilder("[");
            list.forEach(v -> s.append(s.length() > 1 ? "," : "").append(toJson(v)));
            return s.append(']').toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private void send(String method, String target, String contentType, String body) {
        requests++;
        String outcome;
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Authorization: Bearer ").append(token).append("\r\n")
                    .append("Accept: application/json\r\n")
                    .append("Connection: close\r\n");
            if (body != null) {
                if (!contentType.isEmpty()) {
                    head.append("Content-Type: ").append(contentType).append("\r\n");
                }
                head.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            String response = readAll(socket.getInputStream());
            int status = response.startsWith("HTTP/1.") && response.length() >= 12
                    ? Integer.parseInt(response.substring(9, 12)) : -1;
            byClass.merge(status / 100, 1, Integer::sum);
            if (status >= 500 || status < 0) {
                int bodyStart = response.indexOf("\r\n\r\n");
                outcome = status + " " + (bodyStart < 0 ? "" : response.substring(bodyStart + 4,
                        Math.min(response.length(), bodyStart + 300)));
                findings.add(new Finding(method, target, contentType, body, outcome));
            }
        } catch (IOException e) {
            byClass.merge(-1, 1, Integer::sum);
            findings.add(new Finding(method, target, contentType, body, "connection: " + e));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }
}

package dk.gennemsyn.charts;

import com.google.gson.Gson;
import com.google.gson.JsonElement;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates rendered objects against the Kubernetes 1.34 object model of client-java-api 27: unknown fields, missing
 * required fields and wrong types (the model's own {@code validateJsonElement}), plus the enumerations the model keeps
 * as plain strings. Prometheus Operator objects (CRDs) are not in that model; their shape is checked by ChartTest.
 */
final class KubernetesSchema {

    /** Field name → allowed values, wherever the field appears in a core object. */
    static final Map<String, Set<String>> ENUMS = Map.of(
            "imagePullPolicy", Set.of("Always", "IfNotPresent", "Never"),
            "restartPolicy", Set.of("Always", "OnFailure", "Never"),
            "pathType", Set.of("Exact", "Prefix", "ImplementationSpecific"),
            "policyTypes", Set.of("Ingress", "Egress"),
            "whenUnsatisfiable", Set.of("DoNotSchedule", "ScheduleAnyway"),
            "protocol", Set.of("TCP", "UDP", "SCTP"));

    private static final Gson GSON = new Gson();

    private KubernetesSchema() {
    }

    static boolean covers(Map<String, Object> doc) {
        return !String.valueOf(doc.get("apiVersion")).startsWith("monitoring.coreos.com/");
    }

    /** The problems found in one object; empty when it is valid. */
    static List<String> problems(Map<String, Object> doc) {
        List<String> out = new ArrayList<>();
        String apiVersion = String.valueOf(doc.get("apiVersion"));
        String kind = String.valueOf(doc.get("kind"));
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String className = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0))
                + version.substring(1) + kind;
        JsonElement json = GSON.toJsonTree(doc);
        try {
            Class.forName(className).getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
        } catch (ClassNotFoundException e) {
            out.add(kind + " " + apiVersion + ": not a Kubernetes 1.34 kind (" + className + ")");
        } catch (InvocationTargetException e) {
            out.add(kind + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        checkEnums(kind, "", doc, out);
        return out;
    }

    private static void checkEnums(String kind, String path, Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Set<String> allowed = ENUMS.get(key);
                if (allowed != null) {
                    List<?> values = e.getValue() instanceof List<?> l ? l : List.of(String.valueOf(e.getValue()));
                    for (Object v : values) {
                        if (!allowed.contains(String.valueOf(v))) {
                            out.add(kind + ": " + path + "." + key + " = " + v + " is not one of " + allowed);
                        }
                    }
                }
                checkEnums(kind, path + "." + key, e.getValue(), out);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkEnums(kind, path + "[" + i + "]", list.get(i), out);
            }
        }
    }
}

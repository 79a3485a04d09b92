package dk.gennemsyn.testsupport;

import java.util.Map;
import java.util.TreeMap;

/** A benchmark's arguments: {@code name=value} pairs ({@code rate=300 runs=5}); a bare name has the value "". */
public final class BenchmarkArgs {

    private BenchmarkArgs() {
    }

    public static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new TreeMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return opts;
    }
}

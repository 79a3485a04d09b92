package dk.gennemsyn.notifications;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications' feature packages depend on each other one way only (issue 22): no two packages use each other, and
 * no longer loop either (rules and reviews at the bottom, then delivery, messages, calendar, deadlines, and the event
 * handlers and web on top). Reads the sources of src/main, imports and fully qualified names alike; no server needed.
 */
class PackageCyclesTest {

    private static final Path ROOT = Path.of("src/main/java/dk/gennemsyn/notifications");
    private static final Pattern USE = Pattern.compile("dk\\.gennemsyn\\.notifications\\.([a-z0-9_]+)\\.");

    @Test
    void noTwoPackagesUseEachOther() {
        Map<String, Set<String>> uses = graph();
        assertThat(uses).containsKeys("deadlines", "calendar", "messages", "reviews", "delivery", "rules");
        List<String> bothWays = new ArrayList<>();
        uses.forEach((a, targets) -> targets.stream()
                .filter(b -> a.compareTo(b) < 0 && uses.getOrDefault(b, Set.of()).contains(a))
                .forEach(b -> bothWays.add(a + " <-> " + b)));
        assertThat(bothWays).as("packages that use each other (%s)", uses).isEmpty();
    }

    @Test
    void thePackagesFormNoLoop() {
        Map<String, Set<String>> uses = graph();
        for (String start : uses.keySet()) {
            List<String> loop = loopFrom(start, start, uses, new ArrayList<>(List.of(start)), new TreeSet<>());
            assertThat(loop).as("a loop between packages (%s)", uses).isNull();
        }
    }

    /** The path from {@code at} back to {@code start}, or null. */
    private static List<String> loopFrom(String start, String at, Map<String, Set<String>> uses, List<String> path,
                                         Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> loop = new ArrayList<>(path);
                loop.add(start);
                return loop;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = loopFrom(start, next, uses, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }

    /** Package → the other notifications packages its main sources name. */
    static Map<String, Set<String>> graph() {
        assertThat(ROOT).isDirectory();
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = ROOT.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // Application, in the root package
                }
                String from = relative.getName(0).toString();
                Set<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = USE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        targets.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }
}

package dk.gennemsyn.testsupport;

import com.microsoft.playwright.Page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core (Deque's WCAG checker) run in Chromium on a page: the WCAG 2.1 A and AA rules, as public-sector sites in
 * Denmark must meet. The script comes from `./dev.sh tools` (.tools/axe/axe.min.js, a pinned version with its checksum);
 * without it the test fails and says how to get it.
 */
public final class Accessibility {

    static final Path AXE = Path.of(System.getenv().getOrDefault("GENNEMSYN_AXE",
            findUp(Path.of("").toAbsolutePath(), ".tools/axe/axe.min.js").toString()));

    private static String script;

    private Accessibility() {
    }

    private static Path findUp(Path from, String relative) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return from.resolve(relative);
    }

    static synchronized String script() {
        if (script == null) {
            if (!Files.isRegularFile(AXE)) {
                throw new IllegalStateException("No axe-core at " + AXE + ": run ./dev.sh tools (./dev.sh test does)");
            }
            try {
                script = Files.readString(AXE);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return script;
    }

    /** The page's WCAG 2.1 A/AA violations, one line each: rule, impact, what it means, and the first elements. */
    @SuppressWarnings("unchecked")
    public static List<String> violations(Page page) {
        if (!(Boolean) page.evaluate("() => typeof window.axe !== 'undefined'")) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(script()));
        }
        Object result = page.evaluate("""
                async () => {
                  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
                  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '), count: v.nodes.length}));
                }""");
        List<String> out = new ArrayList<>();
        for (Object o : (List<Object>) result) {
            Map<String, Object> v = (Map<String, Object>) o;
            out.add(v.get("id") + " (" + v.get("impact") + ", " + v.get("count") + "×): " + v.get("help") + " — "
                    + v.get("targets"));
        }
        return out;
    }
}

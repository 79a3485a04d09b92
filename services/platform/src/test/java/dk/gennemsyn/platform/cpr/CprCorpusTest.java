package dk.gennemsyn.platform.cpr;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recall and false positives of {@link CprGuard} on a synthetic corpus (src/test/resources/cpr, written by
 * generate_corpus.py there): spellings people type and paste, and look-alikes that must pass. A miss stores a CPR
 * number, a false positive only annoys, so recall must stay at least 99 % and false positives at most 1 %.
 */
class CprCorpusTest {

    @Test
    void recallAndFalsePositivesOnTheCorpus() throws IOException {
        List<String> spellings = corpus("cpr-spellings.txt");
        List<String> lookalikes = corpus("cpr-lookalikes.txt");
        assertThat(spellings).hasSizeGreaterThanOrEqualTo(300);
        assertThat(lookalikes).hasSizeGreaterThanOrEqualTo(300);

        List<String> missed = spellings.stream().filter(t -> !CprGuard.containsCpr(t)).toList();
        List<String> flagged = lookalikes.stream().filter(CprGuard::containsCpr).toList();
        int found = spellings.size() - missed.size();
        double recall = 100.0 * found / spellings.size();
        double falsePositives = 100.0 * flagged.size() / lookalikes.size();
        String summary = String.format(Locale.ROOT, "CPR corpus: recall %d/%d = %.1f %%, false positives %d/%d = %.1f %%",
                found, spellings.size(), recall, flagged.size(), lookalikes.size(), falsePositives);
        System.out.println(summary);

        // The corpus is synthetic, so the misses may be shown (invisible characters escaped).
        assertThat(recall).as(summary + "\nmissed:\n" + shown(missed)).isGreaterThanOrEqualTo(99.0);
        assertThat(falsePositives).as(summary + "\nflagged:\n" + shown(flagged)).isLessThanOrEqualTo(1.0);
    }

    /** The texts of a corpus file: one a line, '#' lines are comments, \n \t \\ escaped. */
    static List<String> corpus(String name) throws IOException {
        try (InputStream in = CprCorpusTest.class.getResourceAsStream("/cpr/" + name)) {
            assertThat(in).as(name).isNotNull();
            List<String> texts = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    texts.add(unescape(line));
                }
            }
            return texts;
        }
    }

    static String unescape(String line) {
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** One text a line, with everything outside printable ASCII and Danish letters as \\uXXXX. */
    static String shown(List<String> texts) {
        return texts.stream().map(t -> {
            StringBuilder b = new StringBuilder("  ");
            t.codePoints().forEach(cp -> {
                if (cp >= 0x20 && cp < 0x7F || "æøåÆØÅé".indexOf(cp) >= 0) {
                    b.appendCodePoint(cp);
                } else {
                    for (char c : Character.toChars(cp)) {
                        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    }
                }
            });
            return b.toString();
        }).collect(Collectors.joining("\n"));
    }
}

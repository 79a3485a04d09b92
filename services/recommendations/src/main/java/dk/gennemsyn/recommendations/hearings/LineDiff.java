package dk.gennemsyn.recommendations.hearings;

import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/** What changed between two versions of a text, line by line (longest common subsequence). */
public final class LineDiff {

    @Serdeable
    public record Line(String kind, String text) {
    }

    private LineDiff() {
    }

    /** Lines marked "same", "removed" or "added", in reading order. */
    public static List<Line> between(String before, String after) {
        String[] a = before.split("\\R", -1);
        String[] b = after.split("\\R", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                out.add(new Line("same", a[i]));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line("removed", a[i++]));
            } else {
                out.add(new Line("added", b[j++]));
            }
        }
        while (i < a.length) {
            out.add(new Line("removed", a[i++]));
        }
        while (j < b.length) {
            out.add(new Line("added", b[j++]));
        }
        return out;
    }
}

package dk.gennemsyn.platform.export;

/**
 * Text that goes into a spreadsheet cell (a CSV field or an XLSX text cell), made safe from formula injection
 * ("CSV injection"): the one function every export uses for every text cell.
 *
 * <p>Excel, LibreOffice and Google Sheets treat a cell that starts with {@code =}, {@code +}, {@code -} or {@code @}
 * as a formula ({@code =HYPERLINK(...)} to leak the sheet, {@code =cmd|' /C calc'!A0} for DDE), and a leading tab or
 * carriage return is a known way to get such a value past a check. Following OWASP's advice, such a value is prefixed
 * with a single quote ({@code '}), which makes every spreadsheet program keep it as text; the text itself is otherwise
 * left exactly as it was, so nothing is lost and the quote shows that the value was neutralised.
 *
 * <p>Decisions:
 * <ul>
 *   <li>The value is prefixed when its first character is {@code = + - @}, a tab or a carriage return, and also when
 *       those four signs come after leading whitespace (spaces, no-break spaces, line breaks) or invisible
 *       formatting characters (zero-width space, BOM, bidi marks): programs that trim spaces on import (LibreOffice's
 *       "trim spaces", Google Sheets) would otherwise see a formula.</li>
 *   <li>The full-width forms {@code ＝ ＋ － ＠} count as well: spreadsheet programs in East Asian locales turn them
 *       into their ASCII forms as they are typed.</li>
 *   <li>A value that already starts with {@code '} is left as it is, so neutralising twice changes nothing.</li>
 *   <li>This is for text only. A genuine number (an amount, a count, a numeric answer) is written as a number: a
 *       numeric XLSX cell, or a number the exporter formats itself in CSV, so {@code -3} stays the number -3. User text
 *       that merely looks like a negative number ({@code "-3"} typed as a comment) is text and is prefixed.</li>
 *   <li>{@code null} and the empty string become the empty string.</li>
 * </ul>
 * Quoting for CSV (RFC 4180) is the CSV writer's job and comes after this: a neutralised value with a quote,
 * separator or line break in it is still quoted.
 */
public final class SpreadsheetText {

    /** The signs that start a formula, in ASCII and full-width form. */
    private static final String FORMULA_SIGNS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    private SpreadsheetText() {
    }

    /** The value as a spreadsheet program will keep it as text: prefixed with {@code '} if it could start a formula. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        if (first == '\t' || first == '\r') {
            return "'" + value;
        }
        int i = 0;
        while (i < value.length() && blank(value.charAt(i))) {
            i++;
        }
        if (i < value.length() && FORMULA_SIGNS.indexOf(value.charAt(i)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    /** One CSV field (RFC 4180): quoted, quotes doubled, and never a formula in a spreadsheet program. */
    public static String csvCell(String value) {
        return "\"" + neutralise(value).replace("\"", "\"\"") + "\"";
    }

    /** Whether a spreadsheet program would neutralise nothing more: the value is safe as it is. */
    public static boolean isNeutral(String value) {
        return neutralise(value).equals(value == null ? "" : value);
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }
}

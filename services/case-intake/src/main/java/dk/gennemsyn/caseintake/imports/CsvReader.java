package dk.gennemsyn.caseintake.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: one record at a time, so a file of any length needs memory for one row only.
 * Quoted fields may hold separators, doubled quotes and line breaks. Broken quoting and over-long fields are
 * errors with the line they start on, never a guess.
 */
final class CsvReader {

    /** A problem with the file's structure: reading cannot go on. */
    static class CsvException extends RuntimeException {
        final long line;

        CsvException(long line, String danishMessage) {
            super(danishMessage);
            this.line = line;
        }
    }

    /** The file exceeds one of the bounds that keep an import's memory small: the file is refused as a whole. */
    static final class LimitException extends CsvException {
        final String limit;

        LimitException(long line, String limit, String danishMessage) {
            super(line, danishMessage);
            this.limit = limit;
        }
    }

    /** What one record may hold; with these a record needs at most a few hundred kB, whatever the file holds. */
    record Limits(int maxField, int maxColumns, int maxRecordChars) {
    }

    record Row(long line, List<String> fields) {
    }

    private final Reader in;
    private final char separator;
    private final Limits limits;
    private long line = 1;
    private int pushback = -2;
    private boolean eof;

    CsvReader(Reader in, char separator, Limits limits) {
        this.in = in;
        this.separator = separator;
        this.limits = limits;
    }

    /** The next record, or null at the end of the file. Blank lines are skipped. */
    Row next() throws IOException {
        while (!eof) {
            long start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean afterQuote = false;
            boolean any = false;
            int chars = 0;
            while (true) {
                int c = read();
                if (++chars > limits.maxRecordChars()) {
                    throw new LimitException(start, "linjelængde", "Linje " + start + " er længere end "
                            + limits.maxRecordChars() + " tegn (grænsen for en linje). Intet er importeret.");
                }
                if (c == -1) {
                    eof = true;
                    if (quoted) {
                        throw new CsvException(start, "Et felt, der begynder med anførselstegn på linje " + start
                                + ", slutter aldrig (manglende afsluttende \").");
                    }
                    if (!any && fields.isEmpty()) {
                        return null;
                    }
                    fields.add(field.toString());
                    return new Row(start, fields);
                }
                any = true;
                if (quoted) {
                    if (c == '"') {
                        int n = read();
                        if (n == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            afterQuote = true;
                            unread(n);
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == separator) {
                    if (fields.size() + 1 >= limits.maxColumns()) {
                        throw new LimitException(start, "kolonner", "Linje " + start + " har mere end "
                                + limits.maxColumns() + " kolonner (grænsen for en linje). Intet er importeret.");
                    }
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r') {
                        int n = read();
                        if (n != '\n') {
                            unread(n);
                        }
                    }
                    line++;
                    if (fields.isEmpty() && field.isEmpty() && !afterQuote) {
                        break; // blank line
                    }
                    fields.add(field.toString());
                    return new Row(start, fields);
                } else if (c == '"') {
                    if (!field.isEmpty() || afterQuote) {
                        throw new CsvException(line, "Linje " + line + ": et anførselstegn midt i et felt. Felter med \" "
                                + "skal stå i anførselstegn, og \" inde i dem skrives som \"\".");
                    }
                    quoted = true;
                } else {
                    if (afterQuote) {
                        throw new CsvException(line, "Linje " + line + ": tegn efter et felts afsluttende anførselstegn.");
                    }
                    field.append((char) c);
                }
                if (field.length() > limits.maxField()) {
                    throw new CsvException(start, "Linje " + start + ": et felt er længere end " + limits.maxField() + " tegn.");
                }
            }
        }
        return null;
    }

    private int read() throws IOException {
        if (pushback != -2) {
            int c = pushback;
            pushback = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushback = c;
    }
}

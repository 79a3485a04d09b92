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
    static final class CsvException extends RuntimeException {
        final long line;

        CsvException(long line, String danishMessage) {
            super(danishMessage);
            this.line = line;
        }
    }

    record Row(long line, List<String> fields) {
    }

    private final Reader in;
    private final char separator;
    private final int maxField;
    private long line = 1;
    private int pushback = -2;
    private boolean eof;

    CsvReader(Reader in, char separator, int maxField) {
        this.in = in;
        this.separator = separator;
        this.maxField = maxField;
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
            while (true) {
                int c = read();
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
                if (field.length() > maxField) {
                    throw new CsvException(start, "Linje " + start + ": et felt er længere end " + maxField + " tegn.");
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

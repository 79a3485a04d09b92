package dk.gennemsyn.platform.db;

import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HexFormat;

/** Values written in PostgreSQL COPY's text format, for bulk writes (imports, the outbox's large transactions). */
public final class CopyText {

    private CopyText() {
    }

    /** A text value, escaped: backslash, tab, newline and carriage return. */
    public static StringBuilder text(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }

    /** A bytea value in hex form ({@code \x...}, its backslash escaped). */
    public static StringBuilder hex(StringBuilder out, byte[] b) {
        return out.append("\\\\x").append(HexFormat.of().formatHex(b));
    }

    /** Sends what has been written so far to the COPY and empties the buffer. */
    public static void send(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }
}

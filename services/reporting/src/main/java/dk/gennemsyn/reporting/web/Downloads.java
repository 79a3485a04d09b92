package dk.gennemsyn.reporting.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * A file download: its exact Content-Type, and a Content-Disposition (RFC 6266) that names the file safely even when
 * the name holds user text (a review's title). The header carries an ASCII {@code filename="..."} of only letters,
 * digits, space and {@code . _ - ( )} for old clients, and {@code filename*=UTF-8''...} (RFC 8187) with æ, ø, å and the
 * rest percent-encoded; no quote, slash, backslash, control character (CR, LF), bidi override or other character that
 * could break the header or the file system gets into either.
 *
 * <p>Only reporting serves downloads today; move this to the platform when a second service does.
 */
final class Downloads {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv; charset=UTF-8";
    static final String PDF = "application/pdf";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /** Code points of the name before its extension. */
    static final int MAX_NAME = 120;
    static final String FALLBACK = "eksport";

    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");
    /** Characters no file system or Content-Disposition parser should meet in a name. */
    private static final String UNSAFE = "/\\:*?\"<>|;%";
    /** RFC 8187 attr-char, less the letters and digits. */
    private static final String ATTR_CHAR = "!#$&+-.^_`|~";
    private static final String HEX = "0123456789ABCDEF";

    private Downloads() {
    }

    /**
     * The body as an attachment of the given type, named {@code name.extension}. The type is built with
     * {@code new MediaType(...)}: Micronaut's {@code MediaType.of} (and its {@code MICROSOFT_POWERPOINT_OPEN_XML_TYPE})
     * turns the PPTX type into Word's, which is why the slide deck was served as a Word document.
     */
    static HttpResponse<byte[]> attachment(byte[] body, String contentType, String name, String extension) {
        return HttpResponse.ok(body).contentType(new MediaType(contentType))
                .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(name, extension));
    }

    /** {@code attachment; filename="<ascii>.<ext>"; filename*=UTF-8''<utf-8>.<ext>}. */
    static String contentDisposition(String name, String extension) {
        if (extension == null || !EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException("A file extension is 1-8 lower-case letters or digits");
        }
        String safe = safeName(name);
        return "attachment; filename=\"" + ascii(safe) + "." + extension + "\"; filename*=UTF-8''" + encode(safe) + "."
                + extension;
    }

    /**
     * The name as a file may carry it: control, formatting (bidi, zero-width) and separator characters become a space,
     * the characters in {@link #UNSAFE} an underscore; whitespace runs become one space; no leading or trailing space
     * or dot; at most {@link #MAX_NAME} code points; {@link #FALLBACK} if nothing is left.
     */
    static String safeName(String name) {
        StringBuilder out = new StringBuilder();
        if (name != null) {
            name.codePoints().limit(4 * MAX_NAME).forEach(cp -> {
                int type = Character.getType(cp);
                if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                        || type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
                        || type == Character.UNASSIGNED) {
                    if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                        out.append(' ');
                    }
                } else if (cp < 128 && UNSAFE.indexOf(cp) >= 0) {
                    out.append('_');
                } else {
                    out.appendCodePoint(cp);
                }
            });
        }
        String s = trim(out.toString());
        if (s.codePointCount(0, s.length()) > MAX_NAME) {
            s = trim(s.substring(0, s.offsetByCodePoints(0, MAX_NAME)));
        }
        return s.isEmpty() ? FALLBACK : s;
    }

    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '.')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '.')) {
            to--;
        }
        return s.substring(from, to);
    }

    /** The ASCII fallback: æ ø å as ae oe aa, other accents dropped, anything else outside [A-Za-z0-9 ._()-] as "_". */
    static String ascii(String safe) {
        String s = safe.replace("æ", "ae").replace("Æ", "AE").replace("ø", "oe").replace("Ø", "OE").replace("å", "aa")
                .replace("Å", "AA");
        s = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        s = s.replaceAll("[^A-Za-z0-9 ._()\\-]", "_").replaceAll("_{2,}", "_");
        s = trim(s);
        return s.chars().anyMatch(Character::isLetterOrDigit) ? s : FALLBACK;
    }

    /** RFC 8187 value-chars: UTF-8, every byte that is not an attr-char percent-encoded. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTR_CHAR.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return out.toString();
    }
}

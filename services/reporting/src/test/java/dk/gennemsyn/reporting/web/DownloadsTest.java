package dk.gennemsyn.reporting.web;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Content-Disposition of a download, whatever a review's title holds. */
class DownloadsTest {

    /** An ASCII filename of safe characters only, and an RFC 8187 filename* of attr-chars and %XX. */
    static final Pattern SAFE = Pattern.compile(
            "attachment; filename=\"([A-Za-z0-9 ._()\\-]+)\"; filename\\*=UTF-8''((?:[A-Za-z0-9!#$&+\\-.^_`|~]|%[0-9A-F]{2})+)");

    /** The header's two names, or a failed assertion if the header is not of the safe form. */
    static String[] names(String header) {
        Matcher m = SAFE.matcher(header);
        assertThat(m.matches()).as("safe Content-Disposition: %s", header).isTrue();
        return new String[]{m.group(1), URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8)};
    }

    @Test
    void danishLettersAreKeptInFilenameStarAndSpelledOutInTheAsciiName() {
        String h = Downloads.contentDisposition("Planchesæt - Sagsgennemgang Øresund Å 2018", "pptx");
        assertThat(h).isEqualTo("attachment; filename=\"Planchesaet - Sagsgennemgang OEresund AA 2018.pptx\"; "
                + "filename*=UTF-8''Planches%C3%A6t%20-%20Sagsgennemgang%20%C3%98resund%20%C3%85%202018.pptx");
        assertThat(names(h)).containsExactly("Planchesaet - Sagsgennemgang OEresund AA 2018.pptx",
                "Planchesæt - Sagsgennemgang Øresund Å 2018.pptx");
    }

    @Test
    void quotesSlashesLineBreaksAndControlCharactersFromUserTextCannotGetIn() {
        String h = Downloads.contentDisposition("Sagsoversigt - Gennemgang \"Æble/Øst\"\r\nSet-Cookie: x=1; ..\\..\\etc\u0000", "csv");
        assertThat(h).doesNotContain("\r", "\n", "/", "\\", "\u0000").contains("; filename*=");
        String[] n = names(h);
        assertThat(n[0]).isEqualTo("Sagsoversigt - Gennemgang _AEble_OEst_ Set-Cookie_ x_1_ .._.._etc.csv");
        assertThat(n[1]).isEqualTo("Sagsoversigt - Gennemgang _Æble_Øst_ Set-Cookie_ x=1_ .._.._etc.csv");
    }

    @Test
    void bidiOverridesAndZeroWidthCharactersCannotDisguiseTheExtension() {
        // U+202E would show "...fdp.exe" as "...exe.pdf".
        String[] n = names(Downloads.contentDisposition("Statusnotat \u202Eexe.\u200Bpdf", "pdf"));
        assertThat(n[1]).isEqualTo("Statusnotat exe. pdf.pdf");
        assertThat(n[0]).isEqualTo("Statusnotat exe. pdf.pdf");
    }

    @Test
    void emptyDotOnlyAndOverlongNamesGetASafeName() {
        assertThat(names(Downloads.contentDisposition(null, "pdf"))).containsExactly("eksport.pdf", "eksport.pdf");
        assertThat(names(Downloads.contentDisposition(" .. ", "pdf"))).containsExactly("eksport.pdf", "eksport.pdf");
        // Nothing ASCII left to show: the ASCII name falls back, filename* keeps the text.
        assertThat(names(Downloads.contentDisposition("日本", "xlsx"))).containsExactly("eksport.xlsx", "日本.xlsx");
        String[] n = names(Downloads.contentDisposition("å".repeat(500), "xlsx"));
        assertThat(n[1]).isEqualTo("å".repeat(Downloads.MAX_NAME) + ".xlsx");
        assertThat(n[0]).isEqualTo("aa".repeat(Downloads.MAX_NAME) + ".xlsx");
    }

    @Test
    void theExtensionIsNeverUserText() {
        assertThatThrownBy(() -> Downloads.contentDisposition("x", "pdf\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Downloads.contentDisposition("x", "")).isInstanceOf(IllegalArgumentException.class);
    }
}

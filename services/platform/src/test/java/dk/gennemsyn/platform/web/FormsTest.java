package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Amounts, numbers and dates as Danes type them into the pages. */
class FormsTest {

    @Test
    void amountsAreReadTheDanishWay() {
        assertThat(Forms.kroner("x", "85.000")).isEqualTo(85_000L);
        assertThat(Forms.kroner("x", "85.000,50")).isEqualTo(85_001L);
        assertThat(Forms.kroner("x", "85.000,49")).isEqualTo(85_000L);
        assertThat(Forms.kroner("x", "1.234.567 kr.")).isEqualTo(1_234_567L);
        assertThat(Forms.kroner("x", "1 234 567 kr")).isEqualTo(1_234_567L);
        assertThat(Forms.kroner("x", "85000")).isEqualTo(85_000L);
        assertThat(Forms.kroner("x", " ")).isNull();
        assertThatThrownBy(() -> Forms.kroner("pris", "85 tusind")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("85.000,50").satisfies(e -> assertThat(((ProblemException) e).field()).isEqualTo("pris"));
    }

    @Test
    void decimalsTakeACommaOrTheDotANumberInputSends() {
        assertThat(Forms.decimal("x", "12,5")).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(Forms.decimal("x", "12.5")).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(Forms.decimal("x", "1.250,75")).isEqualByComparingTo(new BigDecimal("1250.75"));
        assertThat(Forms.decimal("x", "85.000")).isEqualByComparingTo(new BigDecimal("85000"));
        assertThat(Forms.decimal("x", "40 %")).isEqualByComparingTo(new BigDecimal("40"));
        assertThatThrownBy(() -> Forms.decimal("x", "12,5,5")).isInstanceOf(ProblemException.class);
    }

    @Test
    void datesAsTheDateInputSendsThemOrAsDanesWriteThem() {
        LocalDate christmasEve = LocalDate.of(2026, 12, 24);
        assertThat(Forms.date("d", "2026-12-24")).isEqualTo(christmasEve);
        assertThat(Forms.date("d", "24-12-2026")).isEqualTo(christmasEve);
        assertThat(Forms.date("d", "24.12.2026")).isEqualTo(christmasEve);
        assertThat(Forms.date("d", "24/12/2026")).isEqualTo(christmasEve);
        assertThat(Forms.date("d", "1-2-2027")).isEqualTo(LocalDate.of(2027, 2, 1));
        assertThatThrownBy(() -> Forms.date("d", "31-02-2026")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("DD-MM-ÅÅÅÅ");
        assertThatThrownBy(() -> Forms.date("d", "i morgen")).isInstanceOf(ProblemException.class);
    }
}

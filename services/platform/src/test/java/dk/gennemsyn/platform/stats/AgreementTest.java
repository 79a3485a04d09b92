package dk.gennemsyn.platform.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Kappa checked against examples computed by hand (the working is in the comments). */
class AgreementTest {

    static List<Agreement.Pair> pairs(String a, String b, int times, List<Agreement.Pair> into) {
        for (int i = 0; i < times; i++) {
            into.add(new Agreement.Pair(a, b));
        }
        return into;
    }

    @Test
    void cohensKappaOnYesNo() {
        // 50 cases: both ja 20, ja/nej 5, nej/ja 10, both nej 15.
        // po = 35/50 = 0.70; first ja 25/50 = 0.5, second ja 30/50 = 0.6;
        // pe = 0.5*0.6 + 0.5*0.4 = 0.50; kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40.
        List<Agreement.Pair> p = new ArrayList<>();
        pairs("ja", "ja", 20, p);
        pairs("ja", "nej", 5, p);
        pairs("nej", "ja", 10, p);
        pairs("nej", "nej", 15, p);
        Agreement.Result r = Agreement.nominal(p);
        assertThat(r.cases()).isEqualTo(50);
        assertThat(r.percent()).isCloseTo(70.0, within(1e-9));
        assertThat(r.kappa()).isCloseTo(0.40, within(1e-9));
        // 95 % interval: se = sqrt(po(1-po) / (n(1-pe)^2)) = sqrt(0.7*0.3 / (50*0.25)) = sqrt(0.0168) = 0.129615;
        // 0.40 -/+ 1.96*0.129615 = 0.145955 .. 0.654045. n = 50 is not "few".
        assertThat(r.kappaLow()).isCloseTo(0.145955, within(1e-6));
        assertThat(r.kappaHigh()).isCloseTo(0.654045, within(1e-6));
        assertThat(r.few()).isFalse();
    }

    @Test
    void onTwoCasesTheIntervalSpansMostOfTheScaleAndIsCalledFew() {
        // (ja, ja), (nej, ja): po = 0.5; first ja 0.5, second ja 1.0; pe = 0.5*1 + 0.5*0 = 0.5; kappa = 0.
        // se = sqrt(0.25 / (2*0.25)) = 0.7071; interval 0 -/+ 1.386 clipped to -1 .. 1.
        Agreement.Result r = Agreement.nominal(List.of(new Agreement.Pair("ja", "ja"), new Agreement.Pair("nej", "ja")));
        assertThat(r.kappa()).isCloseTo(0.0, within(1e-9));
        assertThat(r.kappaLow()).isEqualTo(-1.0);
        assertThat(r.kappaHigh()).isEqualTo(1.0);
        assertThat(r.few()).isTrue();
    }

    @Test
    void weightedKappaOnAThreeStepScale() {
        // 4 cases on steps 1..3: (1,1), (2,2), (1,2), (3,1).
        // Proportions: p11 = p22 = p12 = p31 = 1/4. Rows (first): 1: 1/2, 2: 1/4, 3: 1/4. Columns (second): 1: 1/2, 2: 1/2, 3: 0.
        // Unweighted: po = 2/4 = 0.5; pe = 1/2*1/2 + 1/4*1/2 + 1/4*0 = 0.375; kappa = 0.125/0.625 = 0.2.
        // Linear weights w = 1 - |i-j|/2: po = 1/4 + 1/4 + 1/4*0.5 + 1/4*0 = 0.625;
        //   pe = sum w_ij r_i c_j = r1(c1*1 + c2*.5) + r2(c1*.5 + c2*1) + r3(c1*0 + c2*.5)
        //      = .5(.5 + .25) + .25(.25 + .5) + .25(0 + .25) = .375 + .1875 + .0625 = 0.625; kappa = 0.
        // Quadratic w = 1 - ((i-j)/2)^2 (1, .75, 0): po = .25 + .25 + .25*.75 + 0 = 0.6875;
        //   pe = .5(.5 + .375) + .25(.375 + .5) + .25(0 + .375) = .4375 + .21875 + .09375 = 0.75;
        //   kappa = (0.6875 - 0.75) / 0.25 = -0.25.
        List<Agreement.Pair> p = List.of(new Agreement.Pair("1", "1"), new Agreement.Pair("2", "2"),
                new Agreement.Pair("1", "2"), new Agreement.Pair("3", "1"));
        Agreement.Result r = Agreement.ordinal(p, 3);
        assertThat(r.percent()).isCloseTo(50.0, within(1e-9));
        assertThat(r.kappa()).isCloseTo(0.2, within(1e-9));
        assertThat(r.kappaLinear()).isCloseTo(0.0, within(1e-9));
        assertThat(r.kappaQuadratic()).isCloseTo(-0.25, within(1e-9));
    }

    @Test
    void perfectAgreementIsOneAndOneAnswerThroughoutIsUndefined() {
        assertThat(Agreement.ordinal(List.of(new Agreement.Pair("1", "1"), new Agreement.Pair("3", "3")), 3).kappaQuadratic())
                .isCloseTo(1.0, within(1e-9));
        Agreement.Result same = Agreement.nominal(List.of(new Agreement.Pair("ja", "ja"), new Agreement.Pair("ja", "ja")));
        assertThat(same.percent()).isEqualTo(100.0);
        assertThat(same.kappa()).isNull();
        assertThat(Agreement.nominal(List.of()).cases()).isZero();
    }
}

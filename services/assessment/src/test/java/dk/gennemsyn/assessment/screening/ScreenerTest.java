package dk.gennemsyn.assessment.screening;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule at its edges: exactly 24 hours, 4 and 3 months to the day, 6 months, across 2024-01-01. */
class ScreenerTest {

    static final LocalDate LATER = LocalDate.of(2026, 1, 1);

    static CaseEvent ev(String kind, String date) {
        return new CaseEvent(kind, LocalDate.parse(date), null, false, "", "", "", 0);
    }

    static CaseEvent ev(String kind, String date, String time) {
        return new CaseEvent(kind, LocalDate.parse(date), LocalTime.parse(time), false, "", "", "", 0);
    }

    static CaseEvent withoutConsent(String kind, String date) {
        return new CaseEvent(kind, LocalDate.parse(date), null, true, "", "", "", 0);
    }

    static Screener.Result result(LegalRule rule, String caseType, LocalDate today, CaseEvent... events) {
        return Screener.screen(List.of(events), caseType, today).stream().filter(r -> r.rule() == rule).findFirst()
                .orElseThrow();
    }

    static Outcome outcome(LegalRule rule, CaseEvent... events) {
        return result(rule, "forebyggende", LATER, events).outcome();
    }

    @Test
    void underretningIsAssessedWithinExactly24Hours() {
        LegalRule r = LegalRule.UNDERRETNING_24_TIMER;
        CaseEvent received = ev("underretning_modtaget", "2024-03-01", "10:00");
        assertThat(outcome(r, received, ev("underretning_vurderet", "2024-03-02", "10:00"))).isEqualTo(Outcome.MET);
        assertThat(outcome(r, received, ev("underretning_vurderet", "2024-03-02", "10:01"))).isEqualTo(Outcome.NOT_MET);
        assertThat(result(r, "x", LATER, received, ev("underretning_vurderet", "2024-03-02", "10:00")).evidence())
                .containsExactly("Underretning modtaget 01.03.2024 kl. 10:00, vurderet 02.03.2024 kl. 10:00: 24 timer"
                        + " (Barnets lov §§ 136-137)");
    }

    @Test
    void withoutTimesOnlyTheDatesDecideAndTheNextDayIsUnknown() {
        LegalRule r = LegalRule.UNDERRETNING_24_TIMER;
        CaseEvent received = ev("underretning_modtaget", "2024-03-01");
        assertThat(outcome(r, received, ev("underretning_vurderet", "2024-03-01"))).isEqualTo(Outcome.MET);
        assertThat(outcome(r, received, ev("underretning_vurderet", "2024-03-02"))).isEqualTo(Outcome.UNKNOWN);
        assertThat(outcome(r, received, ev("underretning_vurderet", "2024-03-03"))).isEqualTo(Outcome.NOT_MET);
        // An assessment before the receipt is not an assessment of it.
        assertThat(outcome(r, received, ev("underretning_vurderet", "2024-02-28"))).isEqualTo(Outcome.NOT_MET);
    }

    @Test
    void aMissingAssessmentIsPendingUntilTheDeadlineThenNotMet() {
        LegalRule r = LegalRule.UNDERRETNING_24_TIMER;
        CaseEvent received = ev("underretning_modtaget", "2024-03-01");
        Screener.Result pending = result(r, "x", LocalDate.of(2024, 3, 2), received);
        assertThat(pending.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(pending.recheckOn()).isEqualTo(LocalDate.of(2024, 3, 3));
        assertThat(result(r, "x", LocalDate.of(2024, 3, 3), received).outcome()).isEqualTo(Outcome.NOT_MET);
    }

    @Test
    void theLawInForceAtTheEventsDateGivesTheReferenceAndTheRuleItsStart() {
        LegalRule r = LegalRule.UNDERRETNING_24_TIMER;
        assertThat(result(r, "x", LATER, ev("underretning_modtaget", "2023-12-31"), ev("underretning_vurderet", "2023-12-31"))
                .evidence().get(0)).endsWith("(Serviceloven § 155, stk. 2)");
        assertThat(result(r, "x", LATER, ev("underretning_modtaget", "2024-01-01"), ev("underretning_vurderet", "2024-01-01"))
                .evidence().get(0)).endsWith("(Barnets lov §§ 136-137)");
        // The 24-hour rule came into Serviceloven on 2013-10-01.
        assertThat(outcome(r, ev("underretning_modtaget", "2013-09-30"))).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(outcome(r, ev("underretning_modtaget", "2013-10-01"))).isEqualTo(Outcome.NOT_MET);
    }

    @Test
    void bfuIsFinishedWithin4MonthsToTheDayOfLearningOfTheNeed() {
        LegalRule r = LegalRule.BFU_4_MAANEDER;
        CaseEvent notice = ev("underretning_modtaget", "2024-01-10");
        CaseEvent start = ev("bfu_startet", "2024-01-31");
        assertThat(outcome(r, notice, start, ev("bfu_afsluttet", "2024-05-10"))).isEqualTo(Outcome.MET);
        assertThat(outcome(r, notice, start, ev("bfu_afsluttet", "2024-05-11"))).isEqualTo(Outcome.NOT_MET);
        // Without an underretning the start is when the need was known.
        assertThat(outcome(r, start, ev("bfu_afsluttet", "2024-05-31"))).isEqualTo(Outcome.MET);
        assertThat(outcome(r, start, ev("bfu_afsluttet", "2024-06-01"))).isEqualTo(Outcome.NOT_MET);
        // Still running: unknown until the deadline has passed.
        Screener.Result running = result(r, "x", LocalDate.of(2024, 5, 10), notice, start);
        assertThat(running.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(running.recheckOn()).isEqualTo(LocalDate.of(2024, 5, 11));
        assertThat(result(r, "x", LocalDate.of(2024, 5, 11), notice, start).outcome()).isEqualTo(Outcome.NOT_MET);
    }

    @Test
    void bfuAcross2024IsJudgedByTheLawWhenTheNeedWasKnown() {
        LegalRule r = LegalRule.BFU_4_MAANEDER;
        assertThat(result(r, "x", LATER, ev("underretning_modtaget", "2023-12-31"), ev("bfu_startet", "2024-01-02"),
                ev("bfu_afsluttet", "2024-04-30")).evidence().get(0)).contains("frist 30.04.2024 (Serviceloven § 50, stk. 7)");
        assertThat(result(r, "x", LATER, ev("underretning_modtaget", "2024-01-01"), ev("bfu_startet", "2024-01-02"),
                ev("bfu_afsluttet", "2024-05-01")).evidence().get(0)).contains("frist 01.05.2024 (Barnets lov § 20, stk. 3)");
    }

    @Test
    void anEndWithoutAStartIsUnknownNeverMet() {
        assertThat(outcome(LegalRule.BFU_4_MAANEDER, ev("bfu_afsluttet", "2024-05-01"))).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void firstFollowUpWithin3MonthsUnlessTheMeasureEndedBefore() {
        LegalRule r = LegalRule.OPFOELGNING_3_MAANEDER;
        CaseEvent start = ev("foranstaltning_startet", "2024-02-29");
        assertThat(outcome(r, start, ev("opfoelgning", "2024-05-29"))).isEqualTo(Outcome.MET);
        assertThat(outcome(r, start, ev("opfoelgning", "2024-05-30"))).isEqualTo(Outcome.NOT_MET);
        assertThat(outcome(r, start)).isEqualTo(Outcome.NOT_MET);
        assertThat(outcome(r, start, ev("foranstaltning_afsluttet", "2024-04-01"))).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(outcome(r)).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void underServicelovenAtMost6MonthsBetweenFollowUpsAndNoFixedIntervalUnderBarnetsLov() {
        LegalRule r = LegalRule.OPFOELGNING_6_MAANEDER;
        CaseEvent start = ev("foranstaltning_startet", "2022-12-01");
        assertThat(outcome(r, start, ev("opfoelgning", "2023-01-15"), ev("opfoelgning", "2023-07-15"),
                ev("foranstaltning_afsluttet", "2023-08-01"))).isEqualTo(Outcome.MET);
        assertThat(outcome(r, start, ev("opfoelgning", "2023-01-15"), ev("opfoelgning", "2023-07-16"),
                ev("foranstaltning_afsluttet", "2023-08-01"))).isEqualTo(Outcome.NOT_MET);
        // A follow-up under Barnets lov opens no 6-month interval.
        assertThat(outcome(r, ev("foranstaltning_startet", "2024-01-01"), ev("opfoelgning", "2024-03-01")))
                .isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void aPlanBeforeAPlacementWithoutConsent() {
        LegalRule r = LegalRule.PLAN_FOER_TVANGSANBRINGELSE;
        CaseEvent decision = withoutConsent("afgoerelse", "2024-05-01");
        assertThat(outcome(r, ev("plan", "2024-05-01"), decision)).isEqualTo(Outcome.MET);
        assertThat(outcome(r, decision, ev("plan", "2024-05-02"))).isEqualTo(Outcome.NOT_MET);
        assertThat(outcome(r, ev("afgoerelse", "2024-05-01"))).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void aPlanWithin3MonthsOfAPlacement() {
        LegalRule r = LegalRule.PLAN_ANBRINGELSE_3_MAANEDER;
        CaseEvent start = ev("foranstaltning_startet", "2024-01-15");
        assertThat(result(r, "anbringelse", LATER, start, ev("plan", "2024-04-15")).outcome()).isEqualTo(Outcome.MET);
        assertThat(result(r, "anbringelse", LATER, start, ev("plan", "2024-04-16")).outcome()).isEqualTo(Outcome.NOT_MET);
        // Not a placement: a preventive measure under § 32 needs no placement plan.
        assertThat(result(r, "forebyggende", LATER, start).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        // A placement paragraph makes it one, whatever the case type.
        CaseEvent placed = new CaseEvent("foranstaltning_startet", LocalDate.parse("2023-03-01"), null, false, "",
                "", "§ 52, stk. 3, nr. 7", 0);
        assertThat(result(r, "forebyggende", LATER, placed).outcome()).isEqualTo(Outcome.NOT_MET);
    }

    @Test
    void theChildsViewsBeforeEachDecision() {
        LegalRule r = LegalRule.BARNETS_SYNSPUNKTER;
        assertThat(outcome(r, ev("boernesamtale", "2024-02-01"), ev("afgoerelse", "2024-02-10"))).isEqualTo(Outcome.MET);
        // The second decision had no conversation of its own.
        assertThat(outcome(r, ev("boernesamtale", "2024-02-01"), ev("afgoerelse", "2024-02-10"),
                ev("afgoerelse", "2024-08-10"))).isEqualTo(Outcome.NOT_MET);
        assertThat(outcome(r, ev("afgoerelse", "2010-12-31"))).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void anEmptyTimelineIsNotApplicableEverywhereNeverMet() {
        List<Outcome> outcomes = new ArrayList<>();
        Screener.screen(List.of(), "forebyggende", LATER).forEach(x -> outcomes.add(x.outcome()));
        assertThat(outcomes).hasSize(LegalRule.values().length).containsOnly(Outcome.NOT_APPLICABLE);
    }
}

package dk.gennemsyn.platform.calendar;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingDaysTest {

    static final WorkingDays DAYS = WorkingDays.PUBLIC_HOLIDAYS;

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void easterIsComputedForAnyYear() {
        // Known Easter Sundays (incl. the earliest and latest possible dates).
        assertThat(WorkingDays.easterSunday(2008)).isEqualTo(d("2008-03-23"));
        assertThat(WorkingDays.easterSunday(2019)).isEqualTo(d("2019-04-21"));
        assertThat(WorkingDays.easterSunday(2023)).isEqualTo(d("2023-04-09"));
        assertThat(WorkingDays.easterSunday(2024)).isEqualTo(d("2024-03-31"));
        assertThat(WorkingDays.easterSunday(2025)).isEqualTo(d("2025-04-20"));
        assertThat(WorkingDays.easterSunday(2026)).isEqualTo(d("2026-04-05"));
        assertThat(WorkingDays.easterSunday(2038)).isEqualTo(d("2038-04-25"));
        assertThat(WorkingDays.easterSunday(2285)).isEqualTo(d("2285-03-22"));
    }

    @Test
    void theHolidaysOf2023StillHaveStoreBededagAndThoseOf2024DoNot() {
        assertThat(DAYS.holidays(2023)).containsOnlyKeys(d("2023-01-01"), d("2023-04-06"), d("2023-04-07"),
                d("2023-04-09"), d("2023-04-10"), d("2023-05-05"), d("2023-05-18"), d("2023-05-28"), d("2023-05-29"),
                d("2023-12-25"), d("2023-12-26"));
        assertThat(DAYS.holidays(2023).get(d("2023-05-05"))).isEqualTo("Store bededag");
        assertThat(DAYS.holidays(2024)).containsOnlyKeys(d("2024-01-01"), d("2024-03-28"), d("2024-03-29"),
                d("2024-03-31"), d("2024-04-01"), d("2024-05-09"), d("2024-05-19"), d("2024-05-20"), d("2024-12-25"),
                d("2024-12-26"));
        // The Friday that was Store Bededag in 2024's calendar is a working day.
        assertThat(DAYS.isWorkingDay(d("2024-04-26"))).isTrue();
        assertThat(DAYS.isWorkingDay(d("2023-05-05"))).isFalse();
    }

    @Test
    void weekendsAndHolidaysAreNotWorkingDays() {
        assertThat(DAYS.isWorkingDay(d("2026-12-05"))).isFalse(); // Saturday
        assertThat(DAYS.isWorkingDay(d("2026-12-06"))).isFalse(); // Sunday
        assertThat(DAYS.isWorkingDay(d("2026-12-07"))).isTrue();
        assertThat(DAYS.isWorkingDay(d("2026-05-14"))).isFalse(); // Kristi himmelfart
        assertThat(DAYS.isWorkingDay(d("2026-05-15"))).isTrue();  // the Friday after it is not a holiday
        assertThat(DAYS.isWorkingDay(d("2026-06-05"))).isTrue();  // Grundlovsdag is not a public holiday
        assertThat(DAYS.isWorkingDay(d("2026-12-24"))).isTrue();
    }

    @Test
    void aTenantMayAlsoKeepGrundlovsdagAndChristmasEveAndNewYearsEveFree() {
        WorkingDays tenant = new WorkingDays(true, true, true);
        assertThat(tenant.isWorkingDay(d("2026-06-05"))).isFalse();
        assertThat(tenant.isWorkingDay(d("2026-12-24"))).isFalse();
        assertThat(tenant.isWorkingDay(d("2026-12-31"))).isFalse();
        assertThat(tenant.holidays(2026)).containsEntry(d("2026-06-05"), "Grundlovsdag");
        // 5 June 2022 was Whit Sunday as well: one name, the public holiday's.
        assertThat(tenant.holidays(2022)).containsEntry(d("2022-06-05"), "Pinsedag");
    }

    @Test
    void fiveWorkingDaysBeforeAMeetingSkipEasterAndWeekends() {
        // Friday 10 April 2026: Easter (2-6 April) lies between.
        assertThat(DAYS.minusWorkingDays(d("2026-04-10"), 5)).isEqualTo(d("2026-03-31"));
        assertThat(DAYS.minusWorkingDays(d("2026-04-10"), 0)).isEqualTo(d("2026-04-10"));
        // A deadline on a Sunday: counted from the Friday before it.
        assertThat(DAYS.minusWorkingDays(d("2026-09-13"), 0)).isEqualTo(d("2026-09-11"));
        assertThat(DAYS.minusWorkingDays(d("2026-09-13"), 1)).isEqualTo(d("2026-09-10"));
        // Across Christmas and New Year.
        assertThat(DAYS.minusWorkingDays(d("2027-01-04"), 3)).isEqualTo(d("2026-12-29"));
        assertThat(new WorkingDays(false, true, true).minusWorkingDays(d("2027-01-04"), 3)).isEqualTo(d("2026-12-28"));
        // The same offset in May 2023 and May 2024: Store Bededag counts only in 2023.
        assertThat(DAYS.minusWorkingDays(d("2023-05-08"), 1)).isEqualTo(d("2023-05-04"));
        assertThat(DAYS.minusWorkingDays(d("2024-04-29"), 1)).isEqualTo(d("2024-04-26"));
    }

    @Test
    void aHearingOfTenWorkingDaysAndTheDaysBetweenTwoDates() {
        // Varde: 1.5-2 weeks of hearing. Sent Wednesday 25 March 2026, ten working days later skips Easter.
        assertThat(DAYS.plusWorkingDays(d("2026-03-25"), 10)).isEqualTo(d("2026-04-13"));
        assertThat(DAYS.workingDaysBetween(d("2026-03-25"), d("2026-04-13"))).isEqualTo(10);
        assertThat(DAYS.workingDaysBetween(d("2026-12-04"), d("2026-12-07"))).isEqualTo(1); // Friday → Monday
        assertThat(DAYS.workingDaysBetween(d("2026-12-07"), d("2026-12-04"))).isZero();
    }
}

package dk.gennemsyn.platform.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Danish working days: weekends and the public holidays (helligdage) are not working days. Computed for any year
 * from Easter (the Gregorian computus). Store Bededag is a holiday only up to and including 2023 (abolished by
 * lov nr. 105 af 28.02.2023). A tenant may also treat Grundlovsdag and 24 and 31 December as non-working.
 */
public record WorkingDays(boolean grundlovsdagOff, boolean christmasEveOff, boolean newYearsEveOff) {

    /** Only the public holidays. */
    public static final WorkingDays PUBLIC_HOLIDAYS = new WorkingDays(false, false, false);

    /** The year's holidays (and the tenant's extra days off) with their Danish names, in date order. */
    public Map<LocalDate, String> holidays(int year) {
        LocalDate easter = easterSunday(year);
        Map<LocalDate, String> days = new TreeMap<>();
        days.put(LocalDate.of(year, 1, 1), "Nytårsdag");
        days.put(easter.minusDays(3), "Skærtorsdag");
        days.put(easter.minusDays(2), "Langfredag");
        days.put(easter, "Påskedag");
        days.put(easter.plusDays(1), "2. påskedag");
        if (year <= 2023) {
            days.put(easter.plusDays(26), "Store bededag");
        }
        days.put(easter.plusDays(39), "Kristi himmelfartsdag");
        days.put(easter.plusDays(49), "Pinsedag");
        days.put(easter.plusDays(50), "2. pinsedag");
        days.put(LocalDate.of(year, 12, 25), "Juledag");
        days.put(LocalDate.of(year, 12, 26), "2. juledag");
        if (grundlovsdagOff) {
            days.putIfAbsent(LocalDate.of(year, 6, 5), "Grundlovsdag");
        }
        if (christmasEveOff) {
            days.putIfAbsent(LocalDate.of(year, 12, 24), "Juleaften");
        }
        if (newYearsEveOff) {
            days.putIfAbsent(LocalDate.of(year, 12, 31), "Nytårsaften");
        }
        return days;
    }

    public boolean isWorkingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays(d.getYear()).containsKey(d);
    }

    /** The working day {@code n} working days before {@code date} (n = 0: the date itself, or the working day before it). */
    public LocalDate minusWorkingDays(LocalDate date, int n) {
        LocalDate d = date;
        while (!isWorkingDay(d)) {
            d = d.minusDays(1);
        }
        for (int i = 0; i < n; i++) {
            do {
                d = d.minusDays(1);
            } while (!isWorkingDay(d));
        }
        return d;
    }

    /** The working day {@code n} working days after {@code date} (a hearing that closes in 10 working days). */
    public LocalDate plusWorkingDays(LocalDate date, int n) {
        LocalDate d = date;
        for (int i = 0; i < n; i++) {
            do {
                d = d.plusDays(1);
            } while (!isWorkingDay(d));
        }
        return d;
    }

    /** Working days after {@code from} up to and including {@code to} (0 when to is not after from). */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}

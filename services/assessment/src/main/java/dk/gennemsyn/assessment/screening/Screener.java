package dk.gennemsyn.assessment.screening;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Screens one case's timeline against every {@link LegalRule}. Pure: the same timeline and day give the same
 * results. A deadline that has not yet passed gives UNKNOWN with the day to look again ({@code recheckOn}).
 */
public final class Screener {

    /** One judged occurrence of a rule (one underretning, one BFU, one measure...), with its dates in Danish. */
    public record Occurrence(Outcome outcome, String evidence, @Nullable LocalDate recheckOn) {
    }

    public record Result(LegalRule rule, Outcome outcome, List<String> evidence, @Nullable LocalDate recheckOn) {
    }

    /** A case's events in time order, the case type, and the day of screening. */
    public record Timeline(List<CaseEvent> events, String caseType, LocalDate today) {

        List<CaseEvent> all(String kind) {
            return events.stream().filter(e -> e.is(kind)).toList();
        }

        Optional<CaseEvent> first(Predicate<CaseEvent> p) {
            return events.stream().filter(p).findFirst();
        }

        Optional<CaseEvent> last(Predicate<CaseEvent> p) {
            CaseEvent found = null;
            for (CaseEvent e : events) {
                if (p.test(e)) {
                    found = e;
                }
            }
            return Optional.ofNullable(found);
        }
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    /** Placement paragraphs: Barnets lov §§ 46-47, Serviceloven § 52, stk. 3, nr. 7 and § 58. */
    private static final Pattern PLACEMENT_BL = Pattern.compile("§\\s*4[67]\\b");
    private static final Pattern PLACEMENT_SEL = Pattern.compile("§\\s*52,\\s*stk\\.\\s*3,\\s*nr\\.\\s*7\\b|§\\s*58\\b");

    private Screener() {
    }

    public static List<Result> screen(List<CaseEvent> events, String caseType, LocalDate today) {
        List<CaseEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(CaseEvent::sortKey));
        Timeline timeline = new Timeline(List.copyOf(sorted), caseType, today);
        List<Result> results = new ArrayList<>();
        for (LegalRule rule : LegalRule.values()) {
            List<Occurrence> occ = rule.check.occurrences(timeline, rule);
            LocalDate recheck = occ.stream().map(Occurrence::recheckOn).filter(d -> d != null)
                    .min(Comparator.naturalOrder()).orElse(null);
            results.add(new Result(rule, Outcome.combine(occ.stream().map(Occurrence::outcome).toList()),
                    occ.stream().map(Occurrence::evidence).toList(), recheck));
        }
        return results;
    }

    // ---- the rules (one method per row of LegalRule) ----

    /** Each underretning is assessed within 24 hours. With dates only: same day met, two days or more not met. */
    static List<Occurrence> underretning24Timer(Timeline t, LegalRule rule) {
        List<Occurrence> out = new ArrayList<>();
        for (CaseEvent received : t.all(CaseEvent.UNDERRETNING_MODTAGET)) {
            String what = "Underretning modtaget " + at(received);
            Optional<String> law = rule.referenceAt(received.date());
            if (law.isEmpty()) {
                out.add(notInForce(what, rule));
                continue;
            }
            Optional<CaseEvent> assessed = t.first(e -> e.is(CaseEvent.UNDERRETNING_VURDERET)
                    && !e.date().isBefore(received.date())
                    && !(e.date().equals(received.date()) && e.time() != null && received.time() != null
                    && e.time().isBefore(received.time())));
            if (assessed.isEmpty()) {
                LocalDate lastDay = received.date().plusDays(1);
                out.add(t.today().isAfter(lastDay)
                        ? new Occurrence(Outcome.NOT_MET, what + ", ingen vurdering registreret (" + law.get() + ")", null)
                        : new Occurrence(Outcome.UNKNOWN, what + ", fristen er ikke udløbet (" + law.get() + ")",
                        lastDay.plusDays(1)));
                continue;
            }
            CaseEvent a = assessed.get();
            String both = what + ", vurderet " + at(a);
            long days = ChronoUnit.DAYS.between(received.date(), a.date());
            if (received.time() != null && a.time() != null) {
                long minutes = Duration.between(received.date().atTime(received.time()), a.date().atTime(a.time()))
                        .toMinutes();
                boolean met = minutes <= 24 * 60;
                out.add(new Occurrence(met ? Outcome.MET : Outcome.NOT_MET,
                        both + ": " + hours(minutes) + " (" + law.get() + ")", null));
            } else if (days == 0) {
                out.add(new Occurrence(Outcome.MET, both + ": samme dag (" + law.get() + ")", null));
            } else if (days == 1) {
                out.add(new Occurrence(Outcome.UNKNOWN,
                        both + ": dagen efter, uden klokkeslæt kan 24 timer ikke afgøres (" + law.get() + ")", null));
            } else {
                out.add(new Occurrence(Outcome.NOT_MET, both + ": " + days + " dage (" + law.get() + ")", null));
            }
        }
        return out;
    }

    /**
     * Each børnefaglig undersøgelse is finished within 4 months of the municipality learning of the need: the
     * latest underretning in the 4 months before the start, else the start itself.
     */
    static List<Occurrence> bfu4Maaneder(Timeline t, LegalRule rule) {
        List<Occurrence> out = new ArrayList<>();
        List<CaseEvent> starts = t.all(CaseEvent.BFU_STARTET);
        for (CaseEvent start : starts) {
            CaseEvent aware = t.last(e -> e.is(CaseEvent.UNDERRETNING_MODTAGET) && !e.date().isAfter(start.date())
                    && !e.date().isBefore(start.date().minusMonths(4))).orElse(start);
            String what = (aware == start ? "Undersøgelse startet " + day(start)
                    : "Underretning " + day(aware) + ", undersøgelse startet " + day(start));
            Optional<String> law = rule.referenceAt(aware.date());
            if (law.isEmpty()) {
                out.add(notInForce(what, rule));
                continue;
            }
            LocalDate due = aware.date().plusMonths(4);
            Optional<CaseEvent> end = t.first(e -> e.is(CaseEvent.BFU_AFSLUTTET) && !e.date().isBefore(start.date()));
            String deadline = ", frist " + day(due) + " (" + law.get() + ")";
            if (end.isPresent()) {
                boolean met = !end.get().date().isAfter(due);
                out.add(new Occurrence(met ? Outcome.MET : Outcome.NOT_MET,
                        what + ", afsluttet " + day(end.get()) + deadline, null));
            } else {
                out.add(missing(t, what, ", ikke afsluttet", ", i gang", due, deadline));
            }
        }
        for (CaseEvent end : t.all(CaseEvent.BFU_AFSLUTTET)) {
            boolean orphan = starts.stream().noneMatch(s -> !s.date().isAfter(end.date()));
            if (orphan) {
                out.add(new Occurrence(Outcome.UNKNOWN,
                        "Undersøgelse afsluttet " + day(end) + ", men startdatoen mangler", null));
            }
        }
        return out;
    }

    /** The first follow-up on each measure within 3 months of its start (unless the measure ended before). */
    static List<Occurrence> opfoelgning3Maaneder(Timeline t, LegalRule rule) {
        List<Occurrence> out = new ArrayList<>();
        for (CaseEvent start : t.all(CaseEvent.FORANSTALTNING_STARTET)) {
            String what = measure(start) + " startet " + day(start);
            Optional<String> law = rule.referenceAt(start.date());
            if (law.isEmpty()) {
                out.add(notInForce(what, rule));
                continue;
            }
            LocalDate due = start.date().plusMonths(3);
            String deadline = ", frist " + day(due) + " (" + law.get() + ")";
            Optional<CaseEvent> followUp = t.first(e -> e.is(CaseEvent.OPFOELGNING) && e.date().isAfter(start.date()));
            Optional<CaseEvent> end = endOf(t, start);
            boolean onTime = followUp.isPresent() && !followUp.get().date().isAfter(due);
            if (onTime) {
                out.add(new Occurrence(Outcome.MET, what + ", fulgt op " + day(followUp.get()) + deadline, null));
            } else if (end.isPresent() && !end.get().date().isAfter(due)) {
                out.add(new Occurrence(Outcome.NOT_APPLICABLE,
                        what + ", afsluttet " + day(end.get()) + " før fristen" + deadline, null));
            } else if (followUp.isPresent()) {
                out.add(new Occurrence(Outcome.NOT_MET, what + ", fulgt op først " + day(followUp.get()) + deadline,
                        null));
            } else {
                out.add(missing(t, what, ", ingen opfølgning registreret", PENDING, due, deadline));
            }
        }
        return out;
    }

    /**
     * Under Serviceloven, after the first follow-up at most 6 months between follow-ups while the measure runs.
     * Each interval is judged by the law in force at the follow-up that opens it.
     */
    static List<Occurrence> opfoelgning6Maaneder(Timeline t, LegalRule rule) {
        List<Occurrence> out = new ArrayList<>();
        for (CaseEvent start : t.all(CaseEvent.FORANSTALTNING_STARTET)) {
            Optional<CaseEvent> end = endOf(t, start);
            LocalDate until = end.map(CaseEvent::date).orElse(t.today());
            List<CaseEvent> followUps = t.all(CaseEvent.OPFOELGNING).stream()
                    .filter(f -> f.date().isAfter(start.date()) && !f.date().isAfter(until)).toList();
            for (int i = 0; i < followUps.size(); i++) {
                CaseEvent from = followUps.get(i);
                Optional<String> law = rule.referenceAt(from.date());
                if (law.isEmpty()) {
                    continue; // Barnets lov has no fixed interval: nothing to judge.
                }
                LocalDate due = from.date().plusMonths(6);
                String what = measure(start) + ": opfølgning " + day(from);
                String deadline = ", næste senest " + day(due) + " (" + law.get() + ")";
                if (i + 1 < followUps.size()) {
                    CaseEvent next = followUps.get(i + 1);
                    boolean met = !next.date().isAfter(due);
                    out.add(new Occurrence(met ? Outcome.MET : Outcome.NOT_MET,
                            what + ", næste " + day(next) + deadline, null));
                } else if (end.isPresent() && !end.get().date().isAfter(due)) {
                    out.add(new Occurrence(Outcome.MET, what + ", afsluttet " + day(end.get()) + deadline, null));
                } else {
                    out.add(missing(until, what, ", ingen senere opfølgning", PENDING, due, deadline));
                }
            }
        }
        return out;
    }

    /** A plan exists before a decision or placement without consent (a plan of the same day counts as before). */
    static List<Occurrence> planFoerTvangsanbringelse(Timeline t, LegalRule rule) {
        List<Occurrence> out = new ArrayList<>();
        for (CaseEvent decision : t.events()) {
            if (!decision.withoutConsent()
                    || !(decision.is(CaseEvent.AFGOERELSE) || decision.is(CaseEvent.FORANSTALTNING_STARTET))) {
                continue;
            }
            String what = (decision.is(CaseEvent.AFGOERELSE) ? "Afgørelse uden samtykke " : "Anbringelse uden samtykke ")
                    + day(decision);
            Optional<String> law = rule.referenceAt(decision.date());
            if (law.isEmpty()) {
                out.add(notInForce(what, rule));
                continue;
            }
            Optional<CaseEvent> plan = t.last(e -> e.is(CaseEvent.PLAN) && !e.date().isAfter(decision.date()));
            out.add(plan.isPresent()
                    ? new Occurrence(Outcome.MET, what + ", plan " + day(plan.get()) + " (" + law.get() + ")", null)
                    : new Occurrence(Outcome.NOT_MET, what + ", ingen plan før (" + law.get() + ")", null));
        }
        return out;
    }

    /** A plan at the latest 3 months after a placement starts (one made in the year before counts). */
    static List<Occurrence> planAnbringelse3Maaneder(Timeline t, LegalRule rule) {
        List<Occurrence> out = new ArrayList<>();
        for (CaseEvent start : t.all(CaseEvent.FORANSTALTNING_STARTET)) {
            if (!isPlacement(start, t.caseType())) {
                continue;
            }
            String what = "Anbringelse " + day(start);
            Optional<String> law = rule.referenceAt(start.date());
            if (law.isEmpty()) {
                out.add(notInForce(what, rule));
                continue;
            }
            LocalDate due = start.date().plusMonths(3);
            String deadline = ", frist " + day(due) + " (" + law.get() + ")";
            Optional<CaseEvent> plan = t.first(e -> e.is(CaseEvent.PLAN)
                    && !e.date().isBefore(start.date().minusYears(1)) && !e.date().isAfter(due));
            if (plan.isPresent()) {
                out.add(new Occurrence(Outcome.MET, what + ", plan " + day(plan.get()) + deadline, null));
            } else {
                out.add(missing(t, what, ", ingen plan", PENDING, due, deadline));
            }
        }
        return out;
    }

    /** A børnesamtale after the previous decision and at the latest on the day of this one. */
    static List<Occurrence> barnetsSynspunkter(Timeline t, LegalRule rule) {
        List<Occurrence> out = new ArrayList<>();
        for (CaseEvent decision : t.all(CaseEvent.AFGOERELSE)) {
            String what = "Afgørelse " + day(decision);
            Optional<String> law = rule.referenceAt(decision.date());
            if (law.isEmpty()) {
                out.add(notInForce(what, rule));
                continue;
            }
            LocalDate after = t.last(e -> e.is(CaseEvent.AFGOERELSE) && e.date().isBefore(decision.date()))
                    .map(CaseEvent::date).orElse(LocalDate.MIN);
            Optional<CaseEvent> talk = t.last(e -> e.is(CaseEvent.BOERNESAMTALE) && e.date().isAfter(after)
                    && !e.date().isAfter(decision.date()));
            out.add(talk.isPresent()
                    ? new Occurrence(Outcome.MET, what + ", børnesamtale " + day(talk.get()) + " (" + law.get() + ")", null)
                    : new Occurrence(Outcome.NOT_MET, what + ", ingen børnesamtale før (" + law.get() + ")", null));
        }
        return out;
    }

    // ---- helpers ----

    static boolean isPlacement(CaseEvent e, String caseType) {
        return "anbringelse".equals(caseType) || e.withoutConsent()
                || PLACEMENT_BL.matcher(e.legalBasisBarnetsLov()).find()
                || PLACEMENT_SEL.matcher(e.legalBasisServiceloven()).find();
    }

    /** The end of a measure: the first "ended" after its start with the same measure name (or any, unnamed). */
    private static Optional<CaseEvent> endOf(Timeline t, CaseEvent start) {
        return t.first(e -> e.is(CaseEvent.FORANSTALTNING_AFSLUTTET) && !e.date().isBefore(start.date())
                && (start.measureName().isEmpty() || e.measureName().isEmpty()
                || e.measureName().equals(start.measureName())));
    }

    private static final String PENDING = ", fristen er ikke udløbet";

    /** The required event is missing: not met once the deadline has passed, else unknown until the day after it. */
    private static Occurrence missing(Timeline t, String what, String notMet, String pending, LocalDate due,
                                      String deadline) {
        return missing(t.today(), what, notMet, pending, due, deadline);
    }

    private static Occurrence missing(LocalDate asOf, String what, String notMet, String pending, LocalDate due,
                                      String deadline) {
        return asOf.isAfter(due)
                ? new Occurrence(Outcome.NOT_MET, what + notMet + deadline, null)
                : new Occurrence(Outcome.UNKNOWN, what + pending + deadline, due.plusDays(1));
    }

    private static Occurrence notInForce(String what, LegalRule rule) {
        return new Occurrence(Outcome.NOT_APPLICABLE, what + ": før reglen gjaldt (" + rule.references() + ")", null);
    }

    private static String measure(CaseEvent e) {
        return e.measureName().isEmpty() ? "Foranstaltning" : "Foranstaltning \"" + e.measureName() + "\"";
    }

    private static String day(CaseEvent e) {
        return e.date().format(DATE);
    }

    private static String day(LocalDate d) {
        return d.format(DATE);
    }

    private static String at(CaseEvent e) {
        return e.time() == null ? day(e) : day(e) + " kl. " + e.time();
    }

    private static String hours(long minutes) {
        return minutes % 60 == 0 ? (minutes / 60) + " timer" : (minutes / 60) + " timer og " + (minutes % 60) + " min.";
    }
}

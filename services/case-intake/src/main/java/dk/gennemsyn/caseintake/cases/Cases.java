package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.caseintake.reviews.Membership;
import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Cases and their timelines. Every read and change is in the access log (in the same transaction), every
 * change is one event: CaseUpdated with the whole current state (version 0 for a new case).
 */
@Singleton
public class Cases {

    public static final String PURPOSE_ADMIN = "sagsadministration";

    /** What a case is made of when registered or edited; caseworker is the case system's name, stored as a pseudonym. */
    public record CaseInput(String caseType, @Nullable String caseNumber, @Nullable Integer birthYear,
                            @Nullable String ageBand, @Nullable String team, @Nullable String caseworker,
                            @Nullable Boolean open) {
    }

    public record TimelineInput(String kind, LocalDate date, @Nullable String note, @Nullable UUID measureId,
                                @Nullable String legalBasisBarnetsLov, @Nullable String legalBasisServiceloven,
                                @Nullable Long yearlyCostKr, boolean withoutConsent, @Nullable LocalTime time) {
    }

    /** Filters of the case list; null means "any". */
    public record Filter(@Nullable String caseType, @Nullable String team, @Nullable Boolean open,
                         @Nullable UUID reviewId, @Nullable String alias) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    public record Detail(CaseRecord c, List<TimelineEntry> timeline) {
    }

    public static final List<String> AGE_BANDS = List.of("0-5", "6-11", "12-17", "18-22");

    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final AccessLog accessLog;
    private final CaseNumbers caseNumbers;
    private final Membership membership;
    private final Clock clock;
    private final CaseRows rows;
    private final TimelineRows timelines;

    Cases(TenantTx tenantTx, Outbox outbox, AccessLog accessLog, CaseNumbers caseNumbers, Membership membership,
          Clock clock, CaseRows rows, TimelineRows timelines) {
        this.rows = rows;
        this.timelines = timelines;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.accessLog = accessLog;
        this.caseNumbers = caseNumbers;
        this.membership = membership;
        this.clock = clock;
    }

    // ---- validation shared by the API, the pages and the import -------------------------------------------

    public static CaseType caseType(String code) {
        return CaseType.ofCode(code == null ? "" : code.trim())
                .orElseThrow(() -> ProblemException.invalid("caseType", "Ukendt sagstype. Vælg en af: "
                        + String.join(", ", CaseType.labels().keySet()) + "."));
    }

    static void checkAttributes(CaseInput in, int thisYear) {
        if (in.birthYear() != null && (in.birthYear() < thisYear - 30 || in.birthYear() > thisYear)) {
            throw ProblemException.invalid("birthYear", "Fødselsåret skal ligge mellem " + (thisYear - 30) + " og "
                    + thisYear + ".");
        }
        if (in.ageBand() != null && !in.ageBand().isBlank() && !AGE_BANDS.contains(in.ageBand())) {
            throw ProblemException.invalid("ageBand", "Aldersgruppen skal være en af " + String.join(", ", AGE_BANDS) + ".");
        }
        text("caseNumber", in.caseNumber(), CaseNumbers.MAX_LENGTH);
        text("team", in.team(), 100);
        text("caseworker", in.caseworker(), 100);
    }

    /** Free text: bounded, and never a CPR number (the message does not echo it). */
    public static String text(String field, @Nullable String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw ProblemException.invalid(field, "Feltet " + field + " må højst have " + max + " tegn.");
        }
        dk.gennemsyn.platform.cpr.ControlCharacters.check(field, value);
        if (CprGuard.containsCpr(value)) {
            throw ProblemException.cpr(field);
        }
        return value.trim();
    }

    // ---- cases ---------------------------------------------------------------------------------------------

    public CaseRecord register(Caller caller, CaseInput in) {
        CaseType type = caseType(in.caseType());
        checkAttributes(in, LocalDate.now(clock).getYear());
        return tenantTx.write(caller.tenant(), () -> {
            String tenant = caller.tenant();
            byte[] hash = null;
            if (in.caseNumber() != null && !in.caseNumber().isBlank()) {
                hash = caseNumbers.hash(tenant, in.caseNumber());
                if (rows.caseNumberTaken(hash)) {
                    throw new ProblemException(HttpStatus.CONFLICT, "duplicate-case-number",
                            "Der findes allerede en sag med dette sagsnummer.", "caseNumber");
                }
            }
            UUID id = UUID.randomUUID();
            int alias = nextAliases(tenant, 1);
            rows.save(new CaseRow(id, tenant, alias, type.code, clock.instant(), clock.instant(),
                    hash == null ? null : caseNumbers.encrypt(tenant, in.caseNumber()), hash,
                    hash == null ? null : caseNumbers.currentKey(), in.birthYear(), blankToNull(in.ageBand()),
                    blankToNull(in.team()), caseworkerPseudonym(tenant, in.caseworker()), in.open() == null || in.open(),
                    null, 0));
            accessLog.record(caller, id.toString(), AccessLog.Action.CREATE, PURPOSE_ADMIN);
            publishUpdated(tenant, id);
            return load(id).orElseThrow();
        });
    }

    /** Changes a case's attributes; expectedVersion is the version the client saw (412 if stale). */
    public CaseRecord update(Caller caller, UUID id, long expectedVersion, CaseInput in) {
        CaseType type = caseType(in.caseType());
        checkAttributes(in, LocalDate.now(clock).getYear());
        return tenantTx.write(caller.tenant(), () -> {
            CaseRecord c = load(id).orElseThrow(Cases::notFound);
            if (c.version() != expectedVersion) {
                throw stale();
            }
            rows.change(id, expectedVersion, type.code, in.birthYear(), blankToNull(in.ageBand()), blankToNull(in.team()),
                    caseworkerPseudonym(caller.tenant(), in.caseworker()), in.open() == null || in.open(), clock.instant());
            accessLog.record(caller, id.toString(), AccessLog.Action.UPDATE, PURPOSE_ADMIN);
            publishUpdated(caller.tenant(), id);
            return load(id).orElseThrow();
        });
    }

    /** A page of the tenant's cases by alias; each case shown is logged as read. */
    public Paging.Page<CaseRecord> list(Caller caller, Filter f, int page, int size, String purpose) {
        Paging.of(page, size, io.micronaut.data.model.Sort.UNSORTED);
        if (f.caseType() != null && !f.caseType().isBlank()) {
            caseType(f.caseType());
        }
        return tenantTx.write(caller.tenant(), () -> {
            String caseType = f.caseType() == null || f.caseType().isBlank() ? null : f.caseType().trim();
            String team = f.team() == null || f.team().isBlank() ? null : f.team().trim();
            Integer alias = f.alias() == null || f.alias().isBlank() ? null : aliasNumber(f.alias());
            // Reviewers: only the cases of reviews they are an active reviewer of.
            boolean staff = Membership.isStaff(caller);
            List<CaseRecord> items;
            long total;
            if (staff && caseType == null && team == null && f.open() == null && f.reviewId() == null && alias == null) {
                // Every case: the total is kept, not counted (the list's busiest statement otherwise).
                items = rows.all(size, (long) page * size);
                total = rows.caseCount();
            } else {
                var found = rows.page(caseType, team, f.open(), f.reviewId(), alias, staff,
                        staff ? null : caller.userId(), clock.instant(), Pageable.from(page, size));
                items = found.getContent();
                total = found.getTotalSize();
            }
            accessLog.recordAll(caller, items.stream().map(c -> c.id().toString()).toList(), AccessLog.Action.READ, purpose);
            return new Paging.Page<>(items, page, size, total);
        });
    }

    public Detail get(Caller caller, UUID id, String purpose) {
        return tenantTx.write(caller.tenant(), () -> {
            CaseRecord c = load(id).orElseThrow(Cases::notFound);
            membership.requireCaseAccess(caller, id);
            accessLog.record(caller, id.toString(), AccessLog.Action.READ, purpose);
            return new Detail(c, timeline(id));
        });
    }

    /** Finds a case by the municipality's case number, through the keyed hash. */
    public Optional<CaseRecord> findByCaseNumber(Caller caller, String caseNumber) {
        text("caseNumber", caseNumber, CaseNumbers.MAX_LENGTH);
        return tenantTx.write(caller.tenant(), () -> {
            Optional<CaseRecord> c = rows.shownByCaseNumber(caseNumbers.hash(caller.tenant(), caseNumber));
            c.ifPresent(x -> accessLog.record(caller, x.id().toString(), AccessLog.Action.READ, "opslag på sagsnummer"));
            return c;
        });
    }

    /** The case number in clear, for the municipality's own staff only (the API restricts roles); always logged. */
    public String revealCaseNumber(Caller caller, UUID id, String purpose) {
        if (!Membership.isStaff(caller)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden",
                    "Kun kommunens egne medarbejdere kan se sagsnummeret.", null);
        }
        String why = text("purpose", purpose, 200);
        if (why.isBlank()) {
            throw ProblemException.invalid("purpose", "Skriv hvorfor du skal se sagsnummeret (fx 'ret fejl i sagen').");
        }
        return tenantTx.write(caller.tenant(), () -> {
            CaseRow row = rows.findById(id).orElseThrow(Cases::notFound);
            if (row.caseNoEnc() == null) {
                throw new ProblemException(HttpStatus.NOT_FOUND, "no-case-number",
                        "Sagen er registreret uden sagsnummer.", null);
            }
            accessLog.record(caller, id.toString(), AccessLog.Action.REVEAL, why);
            return caseNumbers.decrypt(caller.tenant(), row.caseNoKey(), row.caseNoEnc());
        });
    }

    /** Re-encrypts the tenant's case numbers that use an older key version; returns how many. */
    public int rotateCaseNumbers(Caller caller) {
        return tenantTx.write(caller.tenant(), () -> {
            List<CaseRow> stale = rows.underOtherKey(caseNumbers.currentKey());
            for (CaseRow r : stale) {
                String plain = caseNumbers.decrypt(caller.tenant(), r.caseNoKey(), r.caseNoEnc());
                rows.reencrypt(r.id(), caseNumbers.encrypt(caller.tenant(), plain), caseNumbers.currentKey());
            }
            return stale.size();
        });
    }

    public List<AccessLog.Entry> accessLog(Caller caller, UUID id) {
        return tenantTx.write(caller.tenant(), () -> {
            load(id).orElseThrow(Cases::notFound);
            List<AccessLog.Entry> entries = accessLog.forCase(id.toString());
            accessLog.record(caller, id.toString(), AccessLog.Action.READ, "indsigt i adgangslog");
            return entries;
        });
    }

    // ---- inside a tenant transaction -------------------------------------------------------------------------

    public Optional<CaseRecord> load(UUID id) {
        return rows.shown(id);
    }

    public List<TimelineEntry> timeline(UUID caseId) {
        return timelines.of(caseId);
    }

    /** Inside a tenant transaction: the case changed (a new version). */
    void touch(UUID caseId) {
        rows.touch(caseId, clock.instant());
    }

    /** Appends CaseUpdated with the case's whole current state. */
    public void publishUpdated(String tenant, UUID caseId) {
        CaseRecord c = load(caseId).orElseThrow();
        outbox.append(tenant, caseId.toString(), snapshot(c, timeline(caseId)));
    }

    private static final java.time.format.DateTimeFormatter HOURS_MINUTES =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm");

    public static CaseUpdated snapshot(CaseRecord c, List<TimelineEntry> timeline) {
        CaseUpdated.Builder b = CaseUpdated.newBuilder().setCaseId(c.id().toString()).setAlias(c.alias())
                .setCaseType(c.caseType()).setBirthYear(c.birthYear() == null ? 0 : c.birthYear())
                .setAgeBand(nz(c.ageBand())).setTeam(nz(c.team())).setCaseworker(nz(c.caseworker()))
                .setOpen(c.open()).setVersion(c.version());
        for (TimelineEntry t : timeline) {
            b.addTimeline(TimelineEvent.newBuilder().setEventId(t.id().toString()).setKind(t.kind())
                    .setDate(t.date().toString()).setMeasureId(t.measureId() == null ? "" : t.measureId().toString())
                    .setMeasureName(nz(t.measureName())).setLegalBasisBarnetsLov(nz(t.legalBasisBarnetsLov()))
                    .setLegalBasisServiceloven(nz(t.legalBasisServiceloven()))
                    .setYearlyCostKr(t.yearlyCostKr() == null ? 0 : t.yearlyCostKr())
                    .setWithoutConsent(t.withoutConsent())
                    .setTime(t.time() == null ? "" : t.time().format(HOURS_MINUTES)));
        }
        return b.build();
    }

    /** Reserves n alias numbers for the tenant; returns the first. Numbers are never reused. */
    public int nextAliases(String tenant, int n) {
        rows.reserveAliases(tenant, n);
        return rows.lastAlias() - n + 1;
    }

    /** The scope locked while a caseworker pseudonym number is allocated (here and by the import). */
    public static final String CASEWORKER_NUMBERS = "caseworker-pseudonyms";

    /** "Rådgiver 7": the same name always gets the same number in a tenant; the name is not stored. */
    @Nullable
    String caseworkerPseudonym(String tenant, @Nullable String caseworker) {
        if (caseworker == null || caseworker.isBlank()) {
            return null;
        }
        if (caseworker.matches("Rådgiver \\d+")) {
            return caseworker; // already a pseudonym (e.g. chosen from the list on the page)
        }
        byte[] hash = caseNumbers.hashOther(tenant, "caseworker", caseworker);
        tenantTx.lockScope(CASEWORKER_NUMBERS);
        rows.numberCaseworker(tenant, hash);
        return "Rådgiver " + rows.caseworkerNumber(hash);
    }

    static int aliasNumber(String alias) {
        String digits = alias.replaceAll("(?i)^\\s*(sag\\s*)?", "").trim();
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("alias", "Skriv sagens nummer, fx 'Sag 17' eller '17'.");
        }
    }

    static ProblemException notFound() {
        return ProblemException.notFound("Sagen findes ikke.");
    }

    static ProblemException stale() {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                "Sagen er ændret af en anden, siden du hentede den. Hent den igen, og gentag din ændring.", null);
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }

    @Nullable
    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

package dk.gennemsyn.caseintake.reviews;

import dk.gennemsyn.caseintake.cases.Cases;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.Milestone;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.Person;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.Review;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.ReviewDetail;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.StateChange;
import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.caseintake.v1.ReviewMilestone;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged;
import dk.gennemsyn.proto.caseintake.v1.ReviewUpdated;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reviews (gennemgange): setup, people and access windows, milestones, lifecycle, erasure. Every change is an event. */
@Singleton
public class Reviews {

    public record ReviewInput(String title, @Nullable String commission, @Nullable String purpose,
                              @Nullable String focusPoints, @Nullable LocalDate periodFrom, @Nullable LocalDate periodTo,
                              @Nullable List<String> reviewerOrganisations, @Nullable String instrumentId,
                              @Nullable LocalDate retentionUntil) {
    }

    public record PersonInput(String userId, String name, @Nullable String email, String role,
                              @Nullable String organisation, @Nullable Instant accessFrom, @Nullable Instant accessTo) {
    }

    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final AccessLog accessLog;
    private final Membership membership;
    private final Clock clock;
    private final ReviewRows rows;
    private final PersonRows personRows;
    private final MilestoneRows milestoneRows;
    private final InstrumentRows instrumentRows;

    Reviews(TenantTx tenantTx, Outbox outbox, AccessLog accessLog, Membership membership, Clock clock, ReviewRows rows,
            PersonRows personRows, MilestoneRows milestoneRows, InstrumentRows instrumentRows) {
        this.rows = rows;
        this.personRows = personRows;
        this.milestoneRows = milestoneRows;
        this.instrumentRows = instrumentRows;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.accessLog = accessLog;
        this.membership = membership;
        this.clock = clock;
    }

    // ---- setup -----------------------------------------------------------------------------------------------

    public Review create(Caller caller, ReviewInput in) {
        ReviewInput v = validate(in);
        return tenantTx.write(caller.tenant(), () -> {
            UUID id = UUID.randomUUID();
            rows.save(new ReviewRow(id, caller.tenant(), v.title(), v.commission(), v.purpose(), v.focusPoints(),
                    v.periodFrom(), v.periodTo(), v.reviewerOrganisations().toArray(String[]::new), v.instrumentId(),
                    ReviewState.PLANNING.code, v.retentionUntil(), null, null, clock.instant(), caller.userId(), 0));
            outbox.append(caller.tenant(), id.toString(), ReviewCreated.newBuilder().setReview(snapshot(id)).build());
            return load(id);
        });
    }

    public Review update(Caller caller, UUID id, long expectedVersion, ReviewInput in) {
        ReviewInput v = validate(in);
        return tenantTx.write(caller.tenant(), () -> {
            Review r = load(id);
            requireOpen(r);
            if (rows.change(id, expectedVersion, v.title(), v.commission(), v.purpose(), v.focusPoints(), v.periodFrom(),
                    v.periodTo(), v.reviewerOrganisations().toArray(String[]::new), v.instrumentId(),
                    v.retentionUntil()) == 0) {
                throw stale();
            }
            publishUpdated(caller.tenant(), id);
            return load(id);
        });
    }

    public Paging.Page<Review> list(Caller caller, int page, int size) {
        Paging.of(page, size, io.micronaut.data.model.Sort.UNSORTED);
        return tenantTx.read(caller.tenant(), () -> {
            boolean all = Membership.isStaff(caller)
                    || caller.hasAnyRole(List.of(dk.gennemsyn.platform.security.Roles.STYREGRUPPE));
            Pageable pageable = Pageable.from(page, size);
            var found = all ? rows.page(pageable) : rows.pageOfMember(caller.userId(), clock.instant(), pageable);
            return new Paging.Page<>(found.getContent().stream().map(ReviewRow::view).toList(), page, size,
                    found.getTotalSize());
        });
    }

    public ReviewDetail get(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> {
            Review r = load(id);
            membership.requireReviewAccess(caller, id);
            return new ReviewDetail(r, people(id), milestones(id), history(id));
        });
    }

    /** 404 for a review that is not there (or another municipality's), 403 for one the caller may not see. */
    public void requireVisible(Caller caller, UUID id) {
        tenantTx.read(caller.tenant(), () -> {
            load(id);
            membership.requireReviewAccess(caller, id);
            return null;
        });
    }

    // ---- people and access windows ---------------------------------------------------------------------------

    public Person addPerson(Caller caller, UUID reviewId, PersonInput in) {
        String userId = Cases.text("userId", in.userId(), 200);
        String name = Cases.text("name", in.name(), 200);
        String email = Cases.text("email", in.email(), 200);
        if (userId.isBlank()) {
            throw ProblemException.invalid("userId", "Angiv personens bruger-id (fra kommunens login).");
        }
        if (name.isBlank()) {
            throw ProblemException.invalid("name", "Angiv personens navn.");
        }
        if (!email.isBlank() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ProblemException.invalid("email", "E-mailadressen er ikke gyldig.");
        }
        if (!ReviewRecords.REVIEW_ROLES.containsKey(in.role())) {
            throw ProblemException.invalid("role", "Ukendt rolle. Vælg en af: "
                    + String.join(", ", ReviewRecords.REVIEW_ROLES.keySet()) + ".");
        }
        if (in.accessFrom() != null && in.accessTo() != null && !in.accessTo().isAfter(in.accessFrom())) {
            throw ProblemException.invalid("accessTo", "Adgangen skal slutte efter, den begynder.");
        }
        if ("reviewer".equals(in.role()) && in.accessTo() == null) {
            // External access always expires.
            throw ProblemException.invalid("accessTo", "Eksterne sagsgennemgåere skal have en slutdato for adgangen.");
        }
        String org = Cases.text("organisation", in.organisation(), 200);
        return tenantTx.write(caller.tenant(), () -> {
            requireOpen(load(reviewId));
            UUID id = UUID.randomUUID();
            if (personRows.existsByReviewIdAndUserIdAndRole(reviewId, userId, in.role())) {
                throw new ProblemException(HttpStatus.CONFLICT, "duplicate-person",
                        "Personen har allerede denne rolle i gennemgangen.", "userId");
            }
            personRows.save(new PersonRow(id, caller.tenant(), reviewId, userId, name, email, in.role(), org,
                    in.accessFrom(), in.accessTo(), null));
            bump(reviewId);
            publishUpdated(caller.tenant(), reviewId);
            return people(reviewId).stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        });
    }

    /** Ends a person's access at once; the row stays (who had access when). */
    public void revokePerson(Caller caller, UUID reviewId, UUID personId) {
        tenantTx.write(caller.tenant(), () -> {
            load(reviewId);
            if (personRows.revoke(personId, reviewId, clock.instant()) == 0) {
                throw ProblemException.notFound("Personen findes ikke i gennemgangen, eller adgangen er allerede trukket tilbage.");
            }
            bump(reviewId);
            publishUpdated(caller.tenant(), reviewId);
        });
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    public Review transition(Caller caller, UUID id, String toCode) {
        ReviewState to = ReviewState.ofCode(toCode == null ? "" : toCode)
                .orElseThrow(() -> ProblemException.invalid("to", "Ukendt fase."));
        return tenantTx.write(caller.tenant(), () -> {
            Review r = rows.lock(id).map(ReviewRow::view).orElseThrow(Reviews::notFound);
            ReviewState from = ReviewState.ofCode(r.state()).orElseThrow();
            if (!from.canMoveTo(to)) {
                throw new ProblemException(HttpStatus.CONFLICT, "transition-not-allowed",
                        "En gennemgang i fasen '" + from.label + "' kan ikke gå til '" + to.label + "'. Mulige: "
                                + String.join(", ", from.next().stream().map(s -> s.label).sorted().toList()) + ".",
                        "to");
            }
            rows.moveTo(id, to.code, to == ReviewState.CLOSED ? clock.instant() : null);
            rows.logState(caller.tenant(), id, from.code, to.code, clock.instant(), caller.userId());
            outbox.append(caller.tenant(), id.toString(), ReviewStateChanged.newBuilder().setFromState(from.code)
                    .setToState(to.code).setReview(snapshot(id)).build());
            return load(id);
        });
    }

    // ---- erasure ----------------------------------------------------------------------------------------------

    /**
     * Erases a closed review's case-level data once its retention has ended: its selections and forklæder, the
     * case lists of its sampling protocols, and every case it selected that no other review still holds (with
     * timeline and encrypted case number). The access log stays (it holds only pseudonymous ids). One event
     * tells the other services to remove theirs.
     */
    public List<UUID> erase(Caller caller, UUID id) {
        return tenantTx.write(caller.tenant(), () -> {
            Review r = load(id);
            if (r.erasedAt() != null) {
                throw new ProblemException(HttpStatus.CONFLICT, "already-erased", "Gennemgangens sagsdata er allerede slettet.", null);
            }
            if (!ReviewState.CLOSED.code.equals(r.state())) {
                throw new ProblemException(HttpStatus.CONFLICT, "not-closed",
                        "Sagsdata kan først slettes, når gennemgangen er afsluttet.", null);
            }
            LocalDate today = LocalDate.now(clock);
            if (r.retentionUntil() == null || today.isBefore(r.retentionUntil())) {
                throw new ProblemException(HttpStatus.CONFLICT, "retention-not-ended",
                        r.retentionUntil() == null ? "Gennemgangen har ingen opbevaringsfrist. Angiv den først."
                                : "Opbevaringsfristen udløber først " + r.retentionUntil() + ".", null);
            }
            List<UUID> selected = rows.selectedCases(id);
            List<UUID> erased = rows.casesHeldByNoOther(id);
            rows.deselectAll(id);
            rows.eraseSampleLists(id);
            if (!erased.isEmpty()) {
                rows.lockCaseCount();
            }
            for (UUID caseId : erased) {
                rows.deleteCase(caseId);
                accessLog.record(caller, caseId.toString(), AccessLog.Action.DELETE, "sletning efter opbevaringsfrist");
            }
            rows.markErased(id, clock.instant());
            outbox.append(caller.tenant(), id.toString(), ReviewCaseDataErased.newBuilder().setReviewId(id.toString())
                    .addAllCaseIds(erased.stream().map(UUID::toString).toList()).build());
            return selected;
        });
    }

    // ---- inside a tenant transaction -------------------------------------------------------------------------

    public Review load(UUID id) {
        return rows.findById(id).map(ReviewRow::view).orElseThrow(Reviews::notFound);
    }

    public List<Person> people(UUID reviewId) {
        return personRows.inOrder(reviewId).stream().map(PersonRow::view).toList();
    }

    public List<Milestone> milestones(UUID reviewId) {
        return milestoneRows.inOrder(reviewId).stream().map(MilestoneRow::view).toList();
    }

    List<StateChange> history(UUID reviewId) {
        return rows.stateLog(reviewId);
    }

    /** A review that is closed (or erased) no longer changes. */
    public static void requireOpen(Review r) {
        if (ReviewState.CLOSED.code.equals(r.state())) {
            throw new ProblemException(HttpStatus.CONFLICT, "review-closed", "Gennemgangen er afsluttet og kan ikke ændres.", null);
        }
    }

    private void bump(UUID reviewId) {
        rows.bump(reviewId);
    }

    private void publishUpdated(String tenant, UUID id) {
        outbox.append(tenant, id.toString(), ReviewUpdated.newBuilder().setReview(snapshot(id)).build());
    }

    /** Inside a tenant transaction: the review's setup changed (a milestone): a new version, announced whole. */
    void changed(String tenant, UUID reviewId) {
        bump(reviewId);
        publishUpdated(tenant, reviewId);
    }

    dk.gennemsyn.proto.caseintake.v1.Review snapshot(UUID id) {
        Review r = load(id);
        var b = dk.gennemsyn.proto.caseintake.v1.Review.newBuilder().setReviewId(id.toString()).setTitle(r.title())
                .setState(r.state()).setInstrumentId(r.instrumentId())
                .setPeriodFrom(r.periodFrom() == null ? "" : r.periodFrom().toString())
                .setPeriodTo(r.periodTo() == null ? "" : r.periodTo().toString())
                .addAllReviewerOrganisations(r.reviewerOrganisations()).setVersion(r.version());
        for (Person p : people(id)) {
            b.addPeople(ReviewPerson.newBuilder().setUserId(p.userId()).setName(p.name()).setEmail(p.email())
                    .setRole(p.role()).setOrganisation(p.organisation())
                    .setAccessFrom(p.accessFrom() == null ? "" : p.accessFrom().toString())
                    .setAccessTo(p.accessTo() == null ? "" : p.accessTo().toString()).setRevoked(p.revokedAt() != null));
        }
        for (Milestone m : milestones(id)) {
            b.addMilestones(ReviewMilestone.newBuilder().setMilestoneId(m.id().toString()).setKind(m.kind())
                    .setTitle(m.title()).setDate(m.date().toString()));
        }
        return b.build();
    }

    static ReviewInput validate(ReviewInput in) {
        String title = Cases.text("title", in.title(), 200);
        if (title.isBlank()) {
            throw ProblemException.invalid("title", "Giv gennemgangen en titel.");
        }
        if (in.periodFrom() != null && in.periodTo() != null && in.periodTo().isBefore(in.periodFrom())) {
            throw ProblemException.invalid("periodTo", "Perioden skal slutte efter, den begynder.");
        }
        List<String> orgs = new ArrayList<>();
        for (String o : in.reviewerOrganisations() == null ? List.<String>of() : in.reviewerOrganisations()) {
            String t = Cases.text("reviewerOrganisations", o, 200);
            if (!t.isBlank()) {
                orgs.add(t);
            }
        }
        return new ReviewInput(title, Cases.text("commission", in.commission(), 20_000),
                Cases.text("purpose", in.purpose(), 20_000), Cases.text("focusPoints", in.focusPoints(), 20_000),
                in.periodFrom(), in.periodTo(), orgs, Cases.text("instrumentId", in.instrumentId(), 100),
                in.retentionUntil());
    }

    static ProblemException notFound() {
        return ProblemException.notFound("Gennemgangen findes ikke.");
    }

    static ProblemException stale() {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                "Gennemgangen er ændret af en anden, siden du hentede den. Hent den igen, og gentag din ændring.", null);
    }

    /** An instrument assessment offers (InstrumentPublished): id, and "name, version n" for the list. */
    @Serdeable
    public record InstrumentChoice(String id, String label) {
    }

    public List<InstrumentChoice> instruments(Caller caller) {
        return tenantTx.read(caller.tenant(), () -> instrumentRows.inOrder().stream()
                .map(i -> new InstrumentChoice(i.instrumentId(), i.name() + ", version " + i.version())).toList());
    }
}

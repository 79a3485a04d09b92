package dk.gennemsyn.recommendations.hearings;

import dk.gennemsyn.platform.web.DanishFormat;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.recommendations.v1.HearingClosed;
import dk.gennemsyn.proto.recommendations.v1.HearingOpened;
import dk.gennemsyn.proto.recommendations.v1.HearingResponseReceived;
import dk.gennemsyn.recommendations.access.Access;
import dk.gennemsyn.recommendations.calendar.TenantCalendar;
import dk.gennemsyn.recommendations.recs.Recommendations;
import dk.gennemsyn.recommendations.reviews.ReviewCopies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hearing rounds (høring): a draft note, optionally with recommendations, goes to named people or groups (a role in the
 * review) with a deadline in
 * working days (Varde: 1.5-2 weeks). Respondents comment, per recommendation or in general, up to and including the
 * closing day; later comments are refused. The projektleder marks how each comment was handled and publishes the
 * coordinated version, which ends the round. Every version is kept, and what changed between two versions is shown.
 */
@Singleton
public class Hearings {


    @Serdeable
    @io.micronaut.core.annotation.Introspected
    public record Respondent(String userId, String name, boolean responded) {
    }

    @Serdeable
    public record Comment(UUID id, int version, String respondent, String respondentName, @Nullable UUID recommendationId,
                          @Nullable String recommendationCode, String body, Instant submittedAt, String handling,
                          String handlingLabel, String handlingNote) {
    }

    @Serdeable
    public record Version(int version, String body, List<UUID> recommendationIds, String changeNote, String publishedBy,
                          Instant publishedAt) {
    }

    @Serdeable
    public record Hearing(UUID id, UUID reviewId, String title, String state, LocalDate closesOn, int version,
                          List<Respondent> respondents, List<Version> versions, List<Comment> comments, long lock) {

        public boolean open() {
            return state.equals("open");
        }

        public long pending() {
            return comments.stream().filter(c -> c.handling().equals("pending")).count();
        }
    }

    @Serdeable
    @io.micronaut.core.annotation.Introspected
    public record Summary(UUID id, String title, String state, LocalDate closesOn, int version, int respondents,
                          int responded) {
    }

    public record CommentInput(@Nullable UUID recommendationId, @Nullable String body) {
    }

    public static final Map<String, String> HANDLINGS = Recommendations.ordered(
            "pending", "Ikke behandlet", "accepted", "Taget til følge", "partly", "Delvist taget til følge",
            "not_accepted", "Ikke taget til følge", "noted", "Taget til efterretning");
    /** Varde: 1.5-2 weeks of hearing; 8 working days is the default. */
    public static final int DEFAULT_WORKING_DAYS = 8;

    private final HearingRows rows;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Access access;
    private final ReviewCopies reviews;
    private final Clock clock;
    private final TenantCalendar calendar;

    Hearings(HearingRows rows, TenantTx tenantTx, Outbox outbox, Access access, ReviewCopies reviews, Clock clock,
             TenantCalendar calendar) {
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.access = access;
        this.reviews = reviews;
        this.clock = clock;
        this.calendar = calendar;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(DanishFormat.ZONE));
    }

    public List<Summary> list(Caller caller, UUID review) {
        return tenantTx.read(caller.tenant(), () -> {
            access.requireRead(caller, review);
            return rows.summaries(review);
        });
    }

    public Hearing get(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> {
            Hearing h = load(id);
            access.requireRead(caller, h.reviewId());
            return h;
        });
    }

    /**
     * Sends a draft to hearing. The deadline is {@code workingDays} working days from today (weekends, public
     * holidays and the tenant's own days off skipped), unless a closing date is given.
     */
    public Hearing open(Caller caller, UUID review, @Nullable String title, @Nullable String body,
                        @Nullable List<UUID> recommendationIds, @Nullable List<String> respondents,
                        @Nullable Integer workingDays, @Nullable LocalDate closesOn) {
        Access.requireAny(caller, Access.LEADS, "Kun projektlederen kan sende et udkast i høring.");
        String t = Recommendations.text("title", title, 200);
        if (t.isBlank()) {
            throw ProblemException.invalid("title", "Giv høringen en titel.");
        }
        String b = Recommendations.text("body", body, 50_000);
        if (b.isBlank()) {
            throw ProblemException.invalid("body", "Skriv udkastet, der sendes i høring.");
        }
        if (respondents == null || respondents.isEmpty()) {
            throw ProblemException.invalid("respondents", "Vælg mindst én, der skal høres.");
        }
        LocalDate today = today();
        LocalDate closes;
        if (closesOn != null) {
            if (closesOn.isBefore(today)) {
                throw ProblemException.invalid("closesOn", "Høringsfristen kan ikke ligge før i dag.");
            }
            closes = closesOn;
        } else {
            int n = workingDays == null ? DEFAULT_WORKING_DAYS : workingDays;
            if (n < 1 || n > 60) {
                throw ProblemException.invalid("workingDays", "Høringsperioden skal være 1-60 arbejdsdage.");
            }
            closes = calendar.of(caller.tenant()).plusWorkingDays(today, n);
        }
        List<UUID> recs = recommendationIds == null ? List.of() : recommendationIds.stream().distinct().toList();
        return tenantTx.write(caller.tenant(), () -> {
            access.requireRead(caller, review);
            for (UUID r : recs) {
                if (!rows.isRecommendationOf(r, review)) {
                    throw ProblemException.invalid("recommendationIds", "En af anbefalingerne hører ikke til gennemgangen.");
                }
            }
            List<String> named = expand(review, respondents);
            if (named.isEmpty()) {
                throw ProblemException.invalid("respondents", "Der er ingen i gennemgangen med den rolle.");
            }
            UUID id = UUID.randomUUID();
            rows.save(new HearingRow(id, caller.tenant(), review, t, "open", closes, 1, caller.userId(), 1));
            insertVersion(caller, id, 1, b, recs, "Udkast sendt i høring");
            for (String who : named) {
                rows.addRespondent(caller.tenant(), id, who, reviews.name(review, who));
            }
            outbox.append(caller.tenant(), id.toString(), HearingOpened.newBuilder().setHearingId(id.toString())
                    .setReviewId(review.toString()).setTitle(t).setVersion(1).setClosesOn(closes.toString())
                    .addAllRespondents(named).build());
            return load(id);
        });
    }

    /** Named people, and groups ("role:validator": everyone in the review with that role), as user ids. */
    private List<String> expand(UUID review, List<String> respondents) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String r : respondents) {
            if (r.startsWith("role:")) {
                reviews.people(review).stream().filter(p -> p.role().equals(r.substring(5)))
                        .forEach(p -> out.add(p.userId()));
            } else if (!r.isBlank()) {
                out.add(r.strip());
            }
        }
        return List.copyOf(out);
    }

    /** A respondent's comments, until the closing day has passed. */
    public Hearing respond(Caller caller, UUID id, List<CommentInput> comments) {
        List<CommentInput> given = comments == null ? List.of()
                : comments.stream().filter(c -> c.body() != null && !c.body().isBlank()).toList();
        if (given.isEmpty()) {
            throw ProblemException.invalid("comments", "Skriv mindst én bemærkning.");
        }
        for (CommentInput c : given) {
            Recommendations.text("comments", c.body(), 10_000);
        }
        return tenantTx.write(caller.tenant(), () -> {
            Hearing h = load(id);
            if (h.respondents().stream().noneMatch(r -> r.userId().equals(caller.userId()))) {
                throw Access.forbidden("Du er ikke blandt dem, der er hørt.");
            }
            if (!reviews.isActiveMember(h.reviewId(), caller.userId(), clock.instant())) {
                throw Access.forbidden("Din adgang til gennemgangen er udløbet eller tilbagekaldt.");
            }
            if (!h.open() || today().isAfter(h.closesOn())) {
                throw new ProblemException(HttpStatus.CONFLICT, "hearing-closed", "Høringsfristen udløb "
                        + dk.gennemsyn.platform.web.DanishFormat.INSTANCE.date(h.closesOn())
                        + ". Bemærkninger kan ikke længere afgives.", null);
            }
            for (CommentInput c : given) {
                if (c.recommendationId() != null && !versionOf(h).recommendationIds().contains(c.recommendationId())) {
                    throw ProblemException.invalid("recommendationId", "Anbefalingen er ikke med i høringen.");
                }
                rows.addComment(UUID.randomUUID(), caller.tenant(), id, h.version(), caller.userId(),
                        c.recommendationId(), c.body().strip());
            }
            outbox.append(caller.tenant(), id.toString(), HearingResponseReceived.newBuilder().setHearingId(id.toString())
                    .setReviewId(h.reviewId().toString()).setTitle(h.title()).setRespondent(caller.userId())
                    .setComments(given.size()).build());
            return load(id);
        });
    }

    /** How a comment was handled, by the projektleder coordinating the round. */
    public Hearing handle(Caller caller, UUID commentId, @Nullable String handling, @Nullable String note) {
        Access.requireAny(caller, Access.LEADS, "Kun projektlederen kan behandle høringssvar.");
        if (handling == null || !HANDLINGS.containsKey(handling) || handling.equals("pending")) {
            throw ProblemException.invalid("handling", "Vælg hvordan bemærkningen er behandlet.");
        }
        String n = Recommendations.text("note", note, 4000);
        return tenantTx.write(caller.tenant(), () -> {
            UUID hearing = rows.hearingOfComment(commentId)
                    .orElseThrow(() -> ProblemException.notFound("Bemærkningen findes ikke."));
            access.requireRead(caller, load(hearing).reviewId());
            rows.handle(commentId, handling, n, caller.userId());
            return load(hearing);
        });
    }

    /**
     * The coordinated version, which ends the round. Every comment must have been handled first. Before the
     * closing day has passed, with people who have not answered, only with {@code closeEarly}: they lose their say.
     */
    public Hearing publish(Caller caller, UUID id, long expectedLock, @Nullable String body,
                           @Nullable List<UUID> recommendationIds, @Nullable String changeNote, boolean closeEarly) {
        Access.requireAny(caller, Access.LEADS, "Kun projektlederen kan offentliggøre en ny version.");
        String b = Recommendations.text("body", body, 50_000);
        if (b.isBlank()) {
            throw ProblemException.invalid("body", "Skriv den nye version.");
        }
        String note = Recommendations.text("changeNote", changeNote, 4000);
        return tenantTx.write(caller.tenant(), () -> {
            Hearing h = load(id);
            access.requireRead(caller, h.reviewId());
            if (!h.open()) {
                throw new ProblemException(HttpStatus.CONFLICT, "hearing-closed", "Høringen er allerede afsluttet.", null);
            }
            if (h.pending() > 0) {
                throw new ProblemException(HttpStatus.CONFLICT, "comments-pending", h.pending()
                        + " bemærkning(er) er ikke behandlet endnu. Behandl dem, før den nye version offentliggøres.", null);
            }
            if (!closeEarly && closesEarly(h)) {
                throw new ProblemException(HttpStatus.CONFLICT, "hearing-not-due", "Høringsfristen er "
                        + dk.gennemsyn.platform.web.DanishFormat.INSTANCE.date(h.closesOn()) + ", og "
                        + String.join(", ", notAnswered(h)) + " har ikke svaret. Bekræft, at høringen skal afsluttes før fristen.",
                        "closeEarly");
            }
            if (rows.close(id, expectedLock) == 0) {
                throw Recommendations.stale();
            }
            insertVersion(caller, id, h.version() + 1, b, recommendationIds == null ? versionOf(h).recommendationIds()
                    : recommendationIds, note.isBlank() ? "Ny version efter høring" : note);
            outbox.append(caller.tenant(), id.toString(), HearingClosed.newBuilder().setHearingId(id.toString())
                    .setReviewId(h.reviewId().toString()).setTitle(h.title()).setVersion(h.version() + 1)
                    .setResponses((int) h.respondents().stream().filter(Respondent::responded).count()).build());
            return load(id);
        });
    }

    private void insertVersion(Caller caller, UUID hearing, int version, String body, List<UUID> recs, String note) {
        rows.addVersion(caller.tenant(), hearing, version, body,
                recs.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",")), note, caller.userId());
    }

    /** The names of the respondents who have not answered (yet). */
    public static List<String> notAnswered(Hearing h) {
        return h.respondents().stream().filter(r -> !r.responded()).map(Respondent::name).toList();
    }

    /** Whether closing now would cut the round short: before the closing day has passed, someone not heard. */
    public boolean closesEarly(Hearing h) {
        return h.open() && !today().isAfter(h.closesOn()) && !notAnswered(h).isEmpty();
    }

    static Version versionOf(Hearing h) {
        return h.versions().get(h.versions().size() - 1);
    }

    /** Inside a tenant transaction. */
    Hearing load(UUID id) {
        HearingRow head = rows.findById(id).orElseThrow(() -> ProblemException.notFound("Høringen findes ikke."));
        List<Version> versions = rows.versions(id).stream().map(v -> new Version(v.version(), v.body(),
                v.recommendationIds().isEmpty() ? List.<UUID>of()
                        : Arrays.stream(v.recommendationIds().split(",")).map(UUID::fromString).toList(),
                v.changeNote(), v.publishedBy(), v.publishedAt())).toList();
        List<Comment> comments = rows.comments(id).stream().map(c -> new Comment(c.id(), c.version(), c.respondent(),
                c.respondentName(), c.recommendationId(), c.recommendationCode(), c.body(), c.submittedAt(), c.handling(),
                HANDLINGS.get(c.handling()), c.handlingNote())).toList();
        return new Hearing(head.id(), head.reviewId(), head.title(), head.state(), head.closesOn(), head.version(),
                rows.respondents(id), versions, comments, head.lock());
    }
}

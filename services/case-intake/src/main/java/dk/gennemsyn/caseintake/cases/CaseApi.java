package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.caseintake.reviews.ReviewRecords;
import dk.gennemsyn.caseintake.reviews.Reviews;
import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.cpr.NoCpr;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** The case API. The tenant is the token's; roles and review membership decide who sees what. */
@Controller("/api/cases")
class CaseApi {

    @Serdeable
    record CaseBody(@NotBlank @Size(max = 40) String caseType, @Nullable @NoCpr @Size(max = 60) String caseNumber,
                    @Nullable Integer birthYear, @Nullable @Size(max = 10) String ageBand,
                    @Nullable @NoCpr @Size(max = 100) String team, @Nullable @NoCpr @Size(max = 100) String caseworker,
                    @Nullable Boolean open) {
        Cases.CaseInput input() {
            return new Cases.CaseInput(caseType, caseNumber, birthYear, ageBand, team, caseworker, open);
        }
    }

    @Serdeable
    record TimelineBody(@NotBlank String kind, LocalDate date, @Nullable @NoCpr @Size(max = 4000) String note,
                        @Nullable UUID measureId, @Nullable @NoCpr @Size(max = 100) String legalBasisBarnetsLov,
                        @Nullable @NoCpr @Size(max = 100) String legalBasisServiceloven, @Nullable Long yearlyCostKr,
                        @Nullable Boolean withoutConsent, @Nullable LocalTime time) {
    }

    @Serdeable
    record CaseView(UUID id, String alias, String caseType, @Nullable Integer birthYear, @Nullable String ageBand,
                    @Nullable String team, @Nullable String caseworker, boolean open, boolean hasCaseNumber,
                    String createdAt, long version) {
        static CaseView of(CaseRecord c) {
            return new CaseView(c.id(), c.alias(), c.caseType(), c.birthYear(), c.ageBand(), c.team(), c.caseworker(),
                    c.open(), c.hasCaseNumber(), c.createdAt().toString(), c.version());
        }
    }

    @Serdeable
    record TimelineView(UUID id, String kind, String label, LocalDate date, String note, @Nullable UUID measureId,
                        @Nullable String measureName, String legalBasisBarnetsLov, String legalBasisServiceloven,
                        @Nullable Long yearlyCostKr, boolean withoutConsent, String source,
                        @Nullable Boolean inPeriod, @Nullable LocalTime time) {
        static TimelineView of(TimelineEntry t) {
            return of(t, null);
        }

        /** inPeriod: inside the review's period of interest (false: context only); null without a review. */
        static TimelineView of(TimelineEntry t, @Nullable ReviewRecords.Review review) {
            return new TimelineView(t.id(), t.kind(), t.label(), t.date(), t.note(), t.measureId(), t.measureName(),
                    t.legalBasisBarnetsLov(), t.legalBasisServiceloven(), t.yearlyCostKr(), t.withoutConsent(), t.source(),
                    review == null ? null : review.inPeriod(t.date()), t.time());
        }
    }

    @Serdeable
    record CaseDetailView(CaseView c, List<TimelineView> timeline) {
    }

    @Serdeable
    record RevealBody(@NotBlank @NoCpr @Size(max = 200) String purpose) {
    }

    @Serdeable
    record LookupBody(@NotBlank @NoCpr @Size(max = 60) String caseNumber) {
    }

    @Serdeable
    record CaseNumberView(String caseNumber) {
    }

    @Serdeable
    record RotationView(int reEncrypted) {
    }

    private final Cases cases;
    private final Timelines timelines;
    private final Reviews reviews;

    CaseApi(Cases cases, Timelines timelines, Reviews reviews) {
        this.timelines = timelines;
        this.cases = cases;
        this.reviews = reviews;
    }

    @Post
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    @ApiResponse(responseCode = "201", description = "Sagen er registreret under et pseudonym")
    @ApiResponse(responseCode = "400", description = "Ugyldigt input (problem+json)")
    @ApiResponse(responseCode = "409", description = "Sagsnummeret findes allerede")
    HttpResponse<CaseView> register(@Valid @Body CaseBody body, Authentication auth) {
        CaseRecord c = cases.register(Caller.of(auth), body.input());
        return HttpResponse.created(CaseView.of(c), URI.create("/intake/api/cases/" + c.id()))
                .header("ETag", Versions.etag(c.version()));
    }

    @Get
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.REVIEWER})
    Paging.Page<CaseView> list(@QueryValue(defaultValue = "0") int page, @QueryValue(defaultValue = "50") int size,
                               @Nullable @QueryValue String caseType, @Nullable @QueryValue String team,
                               @Nullable @QueryValue Boolean open, @Nullable @QueryValue UUID reviewId,
                               @Nullable @QueryValue String alias,
                               @QueryValue(defaultValue = "sagsoversigt") String purpose, Authentication auth) {
        if (reviewId != null) {
            reviews.requireVisible(Caller.of(auth), reviewId); // like GET /reviews/{id}: never an empty list instead
        }
        return cases.list(Caller.of(auth), new Cases.Filter(caseType, team, open, reviewId, alias), page, size,
                Cases.text("purpose", purpose, 200)).map(CaseView::of);
    }

    @Get("/{id}")
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.REVIEWER})
    HttpResponse<CaseDetailView> get(@PathVariable UUID id, @QueryValue(defaultValue = "sagsvisning") String purpose,
                                     @Nullable @QueryValue UUID reviewId, Authentication auth) {
        Caller caller = Caller.of(auth);
        Cases.Detail d = cases.get(caller, id, Cases.text("purpose", purpose, 200));
        ReviewRecords.Review review = reviewId == null ? null : reviews.get(caller, reviewId).review();
        return HttpResponse.ok(new CaseDetailView(CaseView.of(d.c()),
                        d.timeline().stream().map(t -> TimelineView.of(t, review)).toList()))
                .header("ETag", Versions.etag(d.c().version()));
    }

    @Put("/{id}")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    @ApiResponse(responseCode = "412", description = "Sagen er ændret siden den blev hentet (If-Match)")
    @ApiResponse(responseCode = "428", description = "If-Match mangler")
    HttpResponse<CaseView> update(@PathVariable UUID id, @Valid @Body CaseBody body, HttpRequest<?> request,
                                  Authentication auth) {
        long expected = Versions.ifMatchVersion(request);
        CaseRecord c = cases.update(Caller.of(auth), id, expected, body.input());
        return HttpResponse.ok(CaseView.of(c)).header("ETag", Versions.etag(c.version()));
    }

    @Post("/{id}/timeline")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<TimelineView> addEvent(@PathVariable UUID id, @Valid @Body TimelineBody b, Authentication auth) {
        TimelineEntry t = timelines.add(Caller.of(auth), id, new Cases.TimelineInput(b.kind(), b.date(), b.note(),
                b.measureId(), b.legalBasisBarnetsLov(), b.legalBasisServiceloven(), b.yearlyCostKr(),
                Boolean.TRUE.equals(b.withoutConsent()), b.time()));
        return HttpResponse.created(TimelineView.of(t));
    }

    @Delete("/{id}/timeline/{eventId}")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<Void> removeEvent(@PathVariable UUID id, @PathVariable UUID eventId, Authentication auth) {
        timelines.remove(Caller.of(auth), id, eventId);
        return HttpResponse.noContent();
    }

    /** The municipality's own case number in clear: staff only, with a purpose, always in the access log. */
    @Post("/{id}/case-number/reveal")
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN})
    CaseNumberView reveal(@PathVariable UUID id, @Valid @Body RevealBody body, Authentication auth) {
        return new CaseNumberView(cases.revealCaseNumber(Caller.of(auth), id, body.purpose()));
    }

    /** Finds a case by its case number (POST, so the number is never in a URL or an access log line). */
    @Post("/lookup")
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN})
    CaseView lookup(@Valid @Body LookupBody body, Authentication auth) {
        return cases.findByCaseNumber(Caller.of(auth), body.caseNumber()).map(CaseView::of)
                .orElseThrow(() -> ProblemException.notFound("Ingen sag med det sagsnummer."));
    }

    /** After a new case-number key version is made current: re-encrypt this tenant's numbers with it. */
    @Post("/case-numbers/rotate")
    @Secured(Roles.TENANT_ADMIN)
    RotationView rotate(Authentication auth) {
        return new RotationView(cases.rotateCaseNumbers(Caller.of(auth)));
    }

    /** "Who has seen this case": the extract a person can ask the municipality for. */
    @Get("/{id}/access-log")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    List<AccessLog.Entry> accessLog(@PathVariable UUID id, Authentication auth) {
        return cases.accessLog(Caller.of(auth), id);
    }
}

package dk.gennemsyn.caseintake.reviews;

import dk.gennemsyn.caseintake.reviews.ReviewRecords.Milestone;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.Person;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.Review;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.ReviewDetail;
import dk.gennemsyn.platform.cpr.NoCpr;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Reviews: setup, people with access windows, milestones, lifecycle and erasure. */
@Controller("/api/reviews")
class ReviewApi {

    @Serdeable
    record ReviewBody(@NotBlank @NoCpr @Size(max = 200) String title, @Nullable @NoCpr @Size(max = 20000) String commission,
                      @Nullable @NoCpr @Size(max = 20000) String purpose,
                      @Nullable @NoCpr @Size(max = 20000) String focusPoints, @Nullable LocalDate periodFrom,
                      @Nullable LocalDate periodTo, @Nullable List<@NoCpr String> reviewerOrganisations,
                      @Nullable @Size(max = 100) String instrumentId, @Nullable LocalDate retentionUntil) {
        Reviews.ReviewInput input() {
            return new Reviews.ReviewInput(title, commission, purpose, focusPoints, periodFrom, periodTo,
                    reviewerOrganisations, instrumentId, retentionUntil);
        }
    }

    @Serdeable
    record PersonBody(@NotBlank @Size(max = 200) String userId, @NotBlank @NoCpr @Size(max = 200) String name,
                      @Nullable @Size(max = 200) String email, @NotBlank String role,
                      @Nullable @NoCpr @Size(max = 200) String organisation, @Nullable Instant accessFrom,
                      @Nullable Instant accessTo) {
    }

    @Serdeable
    record MilestoneBody(@NotBlank String kind, @Nullable @NoCpr @Size(max = 200) String title, LocalDate date) {
    }

    @Serdeable
    record TransitionBody(@NotBlank String to) {
    }

    @Serdeable
    record ErasureView(UUID reviewId, int casesInReview) {
    }

    private final Reviews reviews;
    private final Milestones milestones;

    ReviewApi(Reviews reviews, Milestones milestones) {
        this.milestones = milestones;
        this.reviews = reviews;
    }

    @Post
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    @ApiResponse(responseCode = "201", description = "Gennemgangen er oprettet (fase: planlægning)")
    HttpResponse<Review> create(@Valid @Body ReviewBody body, Authentication auth) {
        Review r = reviews.create(Caller.of(auth), body.input());
        return HttpResponse.created(r, URI.create("/intake/api/reviews/" + r.id())).header("ETag", Versions.etag(r.version()));
    }

    @Get
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.STYREGRUPPE, Roles.REVIEWER})
    Paging.Page<Review> list(@QueryValue(defaultValue = "0") int page, @QueryValue(defaultValue = "50") int size,
                             Authentication auth) {
        return reviews.list(Caller.of(auth), page, size);
    }

    @Get("/{id}")
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.STYREGRUPPE, Roles.REVIEWER})
    HttpResponse<ReviewDetail> get(@PathVariable UUID id, Authentication auth) {
        ReviewDetail d = reviews.get(Caller.of(auth), id);
        return HttpResponse.ok(d).header("ETag", Versions.etag(d.review().version()));
    }

    @Put("/{id}")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    @ApiResponse(responseCode = "412", description = "Gennemgangen er ændret siden den blev hentet (If-Match)")
    @ApiResponse(responseCode = "428", description = "If-Match mangler")
    HttpResponse<Review> update(@PathVariable UUID id, @Valid @Body ReviewBody body, HttpRequest<?> request,
                                Authentication auth) {
        Review r = reviews.update(Caller.of(auth), id, Versions.ifMatchVersion(request), body.input());
        return HttpResponse.ok(r).header("ETag", Versions.etag(r.version()));
    }

    @Post("/{id}/people")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<Person> addPerson(@PathVariable UUID id, @Valid @Body PersonBody b, Authentication auth) {
        return HttpResponse.created(reviews.addPerson(Caller.of(auth), id, new Reviews.PersonInput(b.userId(), b.name(),
                b.email(), b.role(), b.organisation(), b.accessFrom(), b.accessTo())));
    }

    @Post("/{id}/people/{personId}/revoke")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<Void> revoke(@PathVariable UUID id, @PathVariable UUID personId, Authentication auth) {
        reviews.revokePerson(Caller.of(auth), id, personId);
        return HttpResponse.noContent();
    }

    @Post("/{id}/milestones")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<Milestone> addMilestone(@PathVariable UUID id, @Valid @Body MilestoneBody b, Authentication auth) {
        return HttpResponse.created(milestones.add(Caller.of(auth), id,
                new Milestones.MilestoneInput(b.kind(), b.title(), b.date())));
    }

    @Put("/{id}/milestones/{milestoneId}")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<Milestone> updateMilestone(@PathVariable UUID id, @PathVariable UUID milestoneId,
                                            @Valid @Body MilestoneBody b, HttpRequest<?> request, Authentication auth) {
        Milestone m = milestones.update(Caller.of(auth), id, milestoneId, Versions.ifMatchVersion(request),
                new Milestones.MilestoneInput(b.kind(), b.title(), b.date()));
        return HttpResponse.ok(m).header("ETag", Versions.etag(m.version()));
    }

    /** Who moved or renamed the milestone, what and when (newest first). */
    @Get("/{id}/milestones/{milestoneId}/changes")
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.STYREGRUPPE, Roles.REVIEWER})
    java.util.List<dk.gennemsyn.platform.history.History.Entry> milestoneChanges(@PathVariable UUID id,
                                                                                @PathVariable UUID milestoneId,
                                                                                Authentication auth) {
        return milestones.changes(Caller.of(auth), id, milestoneId);
    }

    @Delete("/{id}/milestones/{milestoneId}")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<Void> removeMilestone(@PathVariable UUID id, @PathVariable UUID milestoneId, Authentication auth) {
        milestones.remove(Caller.of(auth), id, milestoneId);
        return HttpResponse.noContent();
    }

    @Post("/{id}/transitions")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    @ApiResponse(responseCode = "409", description = "Overgangen er ikke tilladt fra den nuværende fase")
    Review transition(@PathVariable UUID id, @Valid @Body TransitionBody body, Authentication auth) {
        return reviews.transition(Caller.of(auth), id, body.to());
    }

    /** Erases the case-level data of a closed review whose retention has ended. */
    @Post("/{id}/erase")
    @Secured(Roles.TENANT_ADMIN)
    @ApiResponse(responseCode = "409", description = "Ikke afsluttet, eller opbevaringsfristen er ikke udløbet")
    ErasureView erase(@PathVariable UUID id, Authentication auth) {
        return new ErasureView(id, reviews.erase(Caller.of(auth), id).size());
    }
}

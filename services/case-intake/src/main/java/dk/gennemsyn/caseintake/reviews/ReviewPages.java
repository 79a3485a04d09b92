package dk.gennemsyn.caseintake.reviews;

import dk.gennemsyn.caseintake.cases.CaseType;
import dk.gennemsyn.caseintake.cases.Cases;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.ReviewDetail;
import dk.gennemsyn.caseintake.sampling.Samplings;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.history.History;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The Danish pages for reviews: list, setup, people, milestones, lifecycle, sampling, selected cases, erasure. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class ReviewPages {

    @Serdeable
    record ReviewForm(@Nullable String title, @Nullable String commission, @Nullable String purpose,
                      @Nullable String focusPoints, @Nullable String periodFrom, @Nullable String periodTo,
                      @Nullable String reviewerOrganisations, @Nullable String instrumentId,
                      @Nullable String retentionUntil, @Nullable String version) {
        Reviews.ReviewInput input() {
            return new Reviews.ReviewInput(title == null ? "" : title, commission, purpose, focusPoints,
                    Forms.date("periodFrom", periodFrom), Forms.date("periodTo", periodTo),
                    reviewerOrganisations == null ? List.of() : Arrays.stream(reviewerOrganisations.split("[,\\n]"))
                            .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                    instrumentId, Forms.date("retentionUntil", retentionUntil));
        }
    }

    @Serdeable
    record PersonForm(@Nullable String userId, @Nullable String name, @Nullable String email, @Nullable String role,
                      @Nullable String organisation, @Nullable String accessFrom, @Nullable String accessTo) {
    }

    @Serdeable
    record MilestoneForm(@Nullable String kind, @Nullable String title, @Nullable String date, @Nullable String version) {
    }

    @Serdeable
    record TransitionForm(@Nullable String to) {
    }

    @Serdeable
    record SamplingForm(@Nullable String tier, @Nullable String method, @Nullable String size, @Nullable String strataBy,
                        @Nullable String perStratum, @Nullable String seed, @Nullable String caseType, @Nullable String team,
                        @Nullable String open, @Nullable String notReviewedMonths) {
    }

    @Serdeable
    record ChooseForm(@Nullable String alias, @Nullable String forklaede, @Nullable String secondReview) {
    }

    @Serdeable
    record EraseForm(@Nullable String confirm) {
    }

    @Serdeable
    record ForklaedeForm(@Nullable String forklaede, @Nullable String version) {
    }

    private final Reviews reviews;
    private final Milestones milestones;
    private final Samplings samplings;
    private final Cases cases;
    private final Clock clock;

    ReviewPages(Reviews reviews, Milestones milestones, Samplings samplings, Cases cases, Clock clock) {
        this.milestones = milestones;
        this.reviews = reviews;
        this.samplings = samplings;
        this.cases = cases;
        this.clock = clock;
    }

    @Get
    ModelAndView<Map<String, Object>> home(Authentication auth) {
        return home(Caller.of(auth), null, HttpStatus.OK).body();
    }

    @Post("/reviews")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(@Body ReviewForm form, Authentication auth) {
        Caller caller = Caller.of(auth);
        requireEditor(caller);
        try {
            var r = reviews.create(caller, form.input());
            return HttpResponse.seeOther(URI.create("/intake/reviews/" + r.id()));
        } catch (ProblemException e) {
            return home(caller, e.getMessage(), e.status());
        }
    }

    @Get("/reviews/{id}")
    ModelAndView<Map<String, Object>> detail(@PathVariable UUID id, @QueryValue(defaultValue = "0") int page,
                                             Authentication auth) {
        return detail(Caller.of(auth), id, page, null);
    }

    @Post("/reviews/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> edit(@PathVariable UUID id, @Body ReviewForm form, Authentication auth) {
        return act(auth, id, () -> reviews.update(Caller.of(auth), id, Forms.wholeNumber("version", form.version()) == null ? -1 : Forms.wholeNumber("version", form.version()),
                form.input()));
    }

    @Post("/reviews/{id}/people")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addPerson(@PathVariable UUID id, @Body PersonForm f, Authentication auth) {
        return act(auth, id, () -> reviews.addPerson(Caller.of(auth), id, new Reviews.PersonInput(nz(f.userId()),
                nz(f.name()), f.email(), nz(f.role()), f.organisation(), instant("accessFrom", f.accessFrom(), false),
                instant("accessTo", f.accessTo(), true))));
    }

    @Post("/reviews/{id}/people/{personId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revoke(@PathVariable UUID id, @PathVariable UUID personId, Authentication auth) {
        return act(auth, id, () -> {
            reviews.revokePerson(Caller.of(auth), id, personId);
            return null;
        });
    }

    @Post("/reviews/{id}/milestones")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addMilestone(@PathVariable UUID id, @Body MilestoneForm f, Authentication auth) {
        return act(auth, id, () -> milestones.add(Caller.of(auth), id,
                new Milestones.MilestoneInput(nz(f.kind()), f.title(), Forms.date("date", f.date()))));
    }

    /** A milestone moved or renamed (the page it was loaded on must be current). */
    @Post("/reviews/{id}/milestones/{milestoneId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> editMilestone(@PathVariable UUID id, @PathVariable UUID milestoneId, @Body MilestoneForm f,
                                  Authentication auth) {
        return act(auth, id, () -> {
            Long version = Forms.wholeNumber("version", f.version());
            return milestones.update(Caller.of(auth), id, milestoneId, version == null ? -1 : version,
                    new Milestones.MilestoneInput(nz(f.kind()), f.title(), Forms.date("date", f.date())));
        });
    }

    @Post("/reviews/{id}/transition")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> transition(@PathVariable UUID id, @Body TransitionForm f, Authentication auth) {
        return act(auth, id, () -> reviews.transition(Caller.of(auth), id, f.to()));
    }

    @Post("/reviews/{id}/samplings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> draw(@PathVariable UUID id, @Body SamplingForm f, Authentication auth) {
        return act(auth, id, () -> {
            Map<String, Integer> perStratum = null;
            if ("fixed".equals(f.method())) {
                perStratum = new LinkedHashMap<>();
                for (String part : nz(f.perStratum()).split(",")) {
                    String[] kv = part.split("=");
                    if (kv.length != 2) {
                        throw ProblemException.invalid("perStratum", "Skriv antal pr. gruppe som 'anbringelse=10, forebyggende=10'.");
                    }
                    try {
                        perStratum.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
                    } catch (NumberFormatException e) {
                        throw ProblemException.invalid("perStratum", "Antallet for '" + kv[0].trim() + "' skal være et tal.");
                    }
                }
            }
            var filter = new Samplings.Filter(Forms.blank(f.caseType()) ? null : List.of(f.caseType()),
                    Forms.blank(f.team()) ? null : List.of(f.team()), null,
                    Forms.blank(f.open()) ? null : Boolean.valueOf("true".equals(f.open())), null, null,
                    Forms.smallNumber("notReviewedMonths", f.notReviewedMonths()));
            return samplings.draw(Caller.of(auth), id, new Samplings.Request(nz(f.tier()), nz(f.method()),
                    Forms.smallNumber("size", f.size()),
                    Forms.blank(f.strataBy()) ? null : f.strataBy(), perStratum, Forms.wholeNumber("seed", f.seed()), filter));
        });
    }

    @Post("/reviews/{id}/cases")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> choose(@PathVariable UUID id, @Body ChooseForm f, Authentication auth) {
        return act(auth, id, () -> {
            Caller caller = Caller.of(auth);
            var page = cases.list(caller, new Cases.Filter(null, null, null, null, nz(f.alias())), 0, 1, "udvælgelse med forklæde");
            if (page.items().isEmpty()) {
                throw ProblemException.invalid("alias", "Der er ingen sag med det nummer.");
            }
            return samplings.choose(caller, id, page.items().get(0).id(), f.forklaede(), true, "on".equals(f.secondReview()));
        });
    }

    @Post("/reviews/{id}/cases/{caseId}/forklaede")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> forklaede(@PathVariable UUID id, @PathVariable UUID caseId, @Body ForklaedeForm f, Authentication auth) {
        return act(auth, id, () -> samplings.editForklaede(Caller.of(auth), id, caseId,
                Forms.wholeNumber("version", f.version()) == null ? -1 : Forms.wholeNumber("version", f.version()), f.forklaede()));
    }

    /** Erasure cannot be undone: the form must carry the administrator's explicit confirmation. */
    @Post("/reviews/{id}/erase")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> erase(@PathVariable UUID id, @Nullable @Body EraseForm f, Authentication auth) {
        return act(auth, id, () -> {
            if (!Caller.of(auth).hasAnyRole(List.of(dk.gennemsyn.platform.security.Roles.TENANT_ADMIN))) {
                throw Membership.forbidden();
            }
            if (f == null || !"ja".equals(f.confirm())) {
                throw ProblemException.invalid("confirm", "Sletningen er ikke udført: bekræft, at gennemgangens sagsdata "
                        + "skal slettes endeligt (de kan ikke genskabes).");
            }
            return reviews.erase(Caller.of(auth), id);
        });
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Runs a change; on success back to the review, on a problem the review page with the Danish message. */
    private HttpResponse<?> act(Authentication auth, UUID id, Supplier<?> change) {
        Caller caller = Caller.of(auth);
        try {
            requireEditor(caller);
            change.get();
            return HttpResponse.seeOther(URI.create("/intake/reviews/" + id));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                throw e;
            }
            return HttpResponse.status(e.status()).body(Forms.refused(detail(caller, id, 0, e.getMessage()), e));
        }
    }

    private static void requireEditor(Caller caller) {
        if (!caller.hasAnyRole(Membership.EDITORS)) {
            throw Membership.forbidden();
        }
    }

    private HttpResponse<ModelAndView<Map<String, Object>>> home(Caller caller, @Nullable String error, HttpStatus status) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Gennemgange");
        model.put("reviews", reviews.list(caller, 0, Paging.MAX_SIZE).items());
        model.put("canEdit", caller.hasAnyRole(Membership.EDITORS));
        model.put("isStaff", Membership.isStaff(caller));
        model.put("canSeeLog", caller.hasAnyRole(java.util.List.of(dk.gennemsyn.platform.security.Roles.TENANT_ADMIN,
                dk.gennemsyn.platform.security.Roles.PROJEKTLEDER)));
        model.put("error", error);
        return HttpResponse.status(status).body(new ModelAndView<>("intake/home", model));
    }

    private ModelAndView<Map<String, Object>> detail(Caller caller, UUID id, int page, @Nullable String error) {
        ReviewDetail d = reviews.get(caller, id);
        Map<String, Object> model = new HashMap<>();
        model.put("title", d.review().title());
        model.put("d", d);
        model.put("r", d.review());
        model.put("canEdit", caller.hasAnyRole(Membership.EDITORS) && !d.review().state().equals("closed"));
        List<Reviews.InstrumentChoice> instruments = reviews.instruments(caller);
        model.put("instruments", instruments);
        String chosen = d.review().instrumentId();
        model.put("unknownInstrument", chosen != null && !chosen.isBlank()
                && instruments.stream().noneMatch(i -> i.id().equals(chosen)));
        model.put("isAdmin", caller.hasAnyRole(List.of(dk.gennemsyn.platform.security.Roles.TENANT_ADMIN)));
        model.put("next", ReviewState.ofCode(d.review().state()).orElseThrow().next().stream()
                .sorted().map(s -> Map.of("code", s.code, "label", s.label)).toList());
        model.put("states", Arrays.stream(ReviewState.values()).map(s -> Map.of("code", s.code, "label", s.label)).toList());
        model.put("roles", ReviewRecords.REVIEW_ROLES);
        model.put("milestoneKinds", ReviewRecords.MILESTONE_KINDS);
        Map<UUID, List<History.Entry>> milestoneChanges = new HashMap<>();
        d.milestones().forEach(m -> milestoneChanges.put(m.id(), milestones.changes(caller, id, m.id())));
        model.put("milestoneChanges", milestoneChanges);
        model.put("caseTypes", CaseType.labels());
        boolean seesCases = Membership.isStaff(caller) || caller.hasAnyRole(List.of(dk.gennemsyn.platform.security.Roles.REVIEWER));
        model.put("protocols", Membership.isStaff(caller) || caller.hasAnyRole(List.of(dk.gennemsyn.platform.security.Roles.STYREGRUPPE))
                ? samplings.protocols(caller, id) : List.of());
        model.put("selection", seesCases ? samplings.selection(caller, id, Math.max(page, 0), 50, "gennemgangens sager")
                : new Paging.Page<>(List.of(), 0, 50, 0));
        model.put("now", clock.instant());
        model.put("today", LocalDate.now(clock));
        model.put("error", error);
        return new ModelAndView<>("intake/review", model);
    }

    /** A date (or date and time) from a form, as the start or the end of that day in Danish time. */
    static java.time.Instant instant(String field, @Nullable String s, boolean endOfDay) {
        if (Forms.blank(s)) {
            return null;
        }
        try {
            if (s.trim().length() <= 10) {
                LocalDate d = LocalDate.parse(s.trim());
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(DanishFormat.ZONE).toInstant();
            }
            return java.time.LocalDateTime.parse(s.trim()).atZone(DanishFormat.ZONE).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid(field, "Datoen skal skrives som ÅÅÅÅ-MM-DD.");
        }
    }

    static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }
}

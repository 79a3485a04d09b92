package dk.gennemsyn.platform.accesslog;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.export.SpreadsheetText;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * This service's access log for the municipality's administrator and the projektleder: filter by case, person, day
 * and action, page through it, download it as CSV. Every service keeps its own log, so each serves this page under its
 * prefix, and the page links to the same filter in the others. Looking at one case's trail is itself logged.
 */
@Controller
@Secured({Roles.TENANT_ADMIN, Roles.PROJEKTLEDER})
public class AccessLogPages {

    static final int PAGE = 50;
    static final int CSV_MAX = 50_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss")
            .withZone(dk.gennemsyn.platform.web.DanishFormat.ZONE);

    private final TenantTx tenantTx;
    private final AccessLog accessLog;
    private final String contextPath;

    AccessLogPages(TenantTx tenantTx, AccessLog accessLog, @Value("${micronaut.server.context-path:}") String contextPath) {
        this.tenantTx = tenantTx;
        this.accessLog = accessLog;
        this.contextPath = contextPath;
    }

    static AccessLog.Filter filter(@Nullable String sag, @Nullable String person, @Nullable String fra,
                                   @Nullable String til, @Nullable String handling) {
        String caseId = Forms.blank(sag) ? null : sag.strip();
        if (caseId != null && !caseId.matches("[0-9a-fA-F-]{36}")) {
            throw ProblemException.invalid("sag", "Angiv sagens id (som i sagens adresse), fx 3f2c…-….");
        }
        String action = Forms.blank(handling) ? null : handling.strip();
        if (action != null && !AccessLog.ACTION_LABELS.containsKey(action)) {
            throw ProblemException.invalid("handling", "Ukendt handling.");
        }
        var from = Forms.date("fra", fra);
        var to = Forms.date("til", til);
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.invalid("til", "Til-datoen ligger før fra-datoen.");
        }
        return new AccessLog.Filter(caseId, Forms.blank(person) ? null : person.strip(), from, to, action);
    }

    private Paging.Page<AccessLog.Entry> search(Caller caller, AccessLog.Filter f, int page, int size) {
        return tenantTx.write(caller.tenant(), () -> {
            Paging.Page<AccessLog.Entry> found = accessLog.search(f, page, size);
            if (f.caseId() != null) {
                accessLog.record(caller, f.caseId(), AccessLog.Action.READ, "indsigt: adgangslog for sagen");
            }
            return found;
        });
    }

    @Get("/api/access-log")
    public Paging.Page<AccessLog.Entry> json(@Nullable @QueryValue String sag, @Nullable @QueryValue String person,
                                             @Nullable @QueryValue String fra, @Nullable @QueryValue String til,
                                             @Nullable @QueryValue String handling,
                                             @QueryValue(defaultValue = "0") int page,
                                             @QueryValue(defaultValue = "50") int size, Authentication auth) {
        Paging.of(page, size, io.micronaut.data.model.Sort.unsorted());
        return search(Caller.of(auth), filter(sag, person, fra, til, handling), page, size);
    }

    @Get(value = "/api/access-log/extract.csv", produces = "text/csv")
    public HttpResponse<byte[]> csv(@Nullable @QueryValue String sag, @Nullable @QueryValue String person,
                                    @Nullable @QueryValue String fra, @Nullable @QueryValue String til,
                                    @Nullable @QueryValue String handling, Authentication auth) {
        var found = search(Caller.of(auth), filter(sag, person, fra, til, handling), 0, CSV_MAX);
        StringBuilder out = new StringBuilder("\uFEFFtidspunkt;bruger;roller;sag;handling;formål\r\n");
        for (AccessLog.Entry e : found.items()) {
            out.append(String.join(";", SpreadsheetText.csvCell(TIME.format(e.occurredAt())),
                    SpreadsheetText.csvCell(e.actor()), SpreadsheetText.csvCell(e.rolesLabel()),
                    SpreadsheetText.csvCell(e.caseId()), SpreadsheetText.csvCell(e.actionLabel()),
                    SpreadsheetText.csvCell(e.purpose()))).append("\r\n");
        }
        return HttpResponse.ok(out.toString().getBytes(StandardCharsets.UTF_8))
                .contentType(new MediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"adgangslog-" + contextPath.replace("/", "") + ".csv\"");
    }

    @Get("/access-log")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<ModelAndView<Map<String, Object>>> page(
            @Nullable @QueryValue String sag, @Nullable @QueryValue String person, @Nullable @QueryValue String fra,
            @Nullable @QueryValue String til, @Nullable @QueryValue String handling,
            @QueryValue(defaultValue = "0") int page, Authentication auth) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Adgangslog");
        Map<String, String> form = new HashMap<>();
        form.put("sag", sag == null ? "" : sag);
        form.put("person", person == null ? "" : person);
        form.put("fra", fra == null ? "" : fra);
        form.put("til", til == null ? "" : til);
        form.put("handling", handling == null ? "" : handling);
        model.put("form", form);
        model.put("actions", AccessLog.ACTION_LABELS);
        String query = "sag=" + enc(sag) + "&person=" + enc(person) + "&fra=" + enc(fra) + "&til=" + enc(til)
                + "&handling=" + enc(handling);
        model.put("query", query);
        model.put("time", TIME);
        try {
            var found = search(Caller.of(auth), filter(sag, person, fra, til, handling), Math.max(page, 0), PAGE);
            model.put("entries", found);
            model.put("pages", (found.total() + PAGE - 1) / PAGE);
            return HttpResponse.ok(new ModelAndView<>("platform/access-log", model));
        } catch (ProblemException e) {
            // The error at its field; what was typed stays in the form.
            model.put("entries", new Paging.Page<AccessLog.Entry>(java.util.List.of(), 0, PAGE, 0));
            model.put("pages", 0L);
            model.put("error", e.getMessage());
            model.put("errorField", e.field());
            return HttpResponse.<ModelAndView<Map<String, Object>>>status(e.status()).body(new ModelAndView<>("platform/access-log", model));
        }
    }

    private static String enc(@Nullable String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}

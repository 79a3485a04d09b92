package dk.gennemsyn.platform.accesslog;

import dk.gennemsyn.platform.web.DanishFormat;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.export.SpreadsheetText;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * "Who has seen this child's case, when and why" (GDPR art. 15) for the municipality's administrator: every
 * service keeps its own access log, so each serves the extract of its part under its prefix, as a page, JSON and a
 * CSV download; the page links to the same extract in the other services. Looking is itself logged.
 */
@Controller
@Secured(Roles.TENANT_ADMIN)
public class AccessExtract {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss")
            .withZone(DanishFormat.ZONE);

    private final TenantTx tenantTx;
    private final AccessLog accessLog;
    private final String contextPath;

    AccessExtract(TenantTx tenantTx, AccessLog accessLog, @Value("${micronaut.server.context-path:}") String contextPath) {
        this.tenantTx = tenantTx;
        this.accessLog = accessLog;
        this.contextPath = contextPath;
    }

    List<AccessLog.Entry> entries(Authentication auth, UUID caseId) {
        Caller caller = Caller.of(auth);
        return tenantTx.write(caller.tenant(), () -> {
            List<AccessLog.Entry> entries = accessLog.forCase(caseId.toString());
            accessLog.record(caller, caseId.toString(), AccessLog.Action.READ, "indsigt: adgangslog for sagen");
            return entries;
        });
    }

    @Get("/api/access-log/cases/{caseId}")
    public List<AccessLog.Entry> json(@PathVariable UUID caseId, Authentication auth) {
        return entries(auth, caseId);
    }

    @Get(value = "/api/access-log/cases/{caseId}/extract.csv", produces = "text/csv")
    public HttpResponse<byte[]> csv(@PathVariable UUID caseId, Authentication auth) {
        StringBuilder out = new StringBuilder("\uFEFFtidspunkt;bruger;roller;handling;formål\r\n");
        for (AccessLog.Entry e : entries(auth, caseId)) {
            out.append(SpreadsheetText.csvCell(TIME.format(e.occurredAt()))).append(';')
                    .append(SpreadsheetText.csvCell(e.actor())).append(';').append(SpreadsheetText.csvCell(e.actorRoles()))
                    .append(';').append(SpreadsheetText.csvCell(e.action())).append(';')
                    .append(SpreadsheetText.csvCell(e.purpose())).append("\r\n");
        }
        String name = "adgangslog-" + contextPath.replace("/", "") + "-" + caseId + ".csv";
        return HttpResponse.ok(out.toString().getBytes(StandardCharsets.UTF_8))
                .contentType(new MediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    @Get("/access-log/cases/{caseId}")
    @Produces(MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> page(@PathVariable UUID caseId, Authentication auth) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Adgangslog for en sag");
        model.put("caseId", caseId);
        model.put("entries", entries(auth, caseId));
        model.put("time", TIME);
        return new ModelAndView<>("platform/access-extract", model);
    }

}

package dk.gennemsyn.platform.accesslog;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every refusal of a case resource (401, 403, 404 on a path naming a case) is in the access log too: who tried,
 * which case, when, and why (status, method, path), in the caller's municipality. Without a verified token there
 * is no municipality to file it under; the application log has it then (without the token).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
    static final Pattern CASE = Pattern.compile("/cases/([0-9a-fA-F-]{36})(?:/|$)");

    private final TenantTx tenantTx;
    private final AccessLog accessLog;
    private final ExecutorService blocking;

    RefusalLog(TenantTx tenantTx, AccessLog accessLog, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.tenantTx = tenantTx;
        this.accessLog = accessLog;
        this.blocking = blocking;
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status != 401 && status != 403 && status != 404) {
            return;
        }
        Matcher m = CASE.matcher(request.getPath());
        if (!m.find()) {
            return;
        }
        String caseId = m.group(1).toLowerCase(java.util.Locale.ROOT);
        String why = "afvist " + status + ": " + request.getMethodName() + " " + request.getPath();
        var auth = request.getUserPrincipal(Authentication.class);
        if (auth.isEmpty()) {
            LOG.info("Refused without a verified token: {} (case {})", why, caseId);
            return;
        }
        Caller caller = Caller.of(auth.get());
        // Off the event loop, in a transaction of its own: the refusal is logged even though nothing was read.
        blocking.execute(() -> {
            try {
                tenantTx.write(caller.tenant(), () -> accessLog.record(caller, caseId, AccessLog.Action.REFUSED, why));
            } catch (RuntimeException e) {
                LOG.warn("Could not log a refusal ({}): {}", why, e.toString());
            }
        });
    }
}

package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import dk.gennemsyn.proto.caseintake.v1.CaseRegistered;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Registers and reads cases; every read and change is in the access log, every change is an event. */
@Singleton
public class Cases {

    static final String PURPOSE_ADMIN = "sagsadministration";

    private final TenantTx tenantTx;
    private final CaseRepository repository;
    private final Outbox outbox;
    private final AccessLog accessLog;
    private final Clock clock;

    Cases(TenantTx tenantTx, CaseRepository repository, Outbox outbox, AccessLog accessLog, Clock clock) {
        this.tenantTx = tenantTx;
        this.repository = repository;
        this.outbox = outbox;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    public CaseRecord register(Caller caller, String caseTypeCode) {
        CaseType type = CaseType.ofCode(caseTypeCode)
                .orElseThrow(() -> ProblemException.invalid("caseType", "Ukendt sagstype. Vælg en af: "
                        + String.join(", ", CaseType.labels().keySet()) + "."));
        return tenantTx.write(caller.tenant(), () -> {
            CaseRecord saved = repository.save(new CaseRecord(UUID.randomUUID(), caller.tenant(),
                    nextAlias(caller.tenant()), type.code, clock.instant(), 0));
            accessLog.record(caller, saved.id().toString(), AccessLog.Action.CREATE, PURPOSE_ADMIN);
            outbox.append(caller.tenant(), saved.id().toString(), CaseRegistered.newBuilder()
                    .setCaseId(saved.id().toString()).setAlias(saved.alias()).setCaseType(saved.caseType()).build());
            return saved;
        });
    }

    /** A page of the tenant's cases by alias; each case shown is logged as read. */
    public Paging.Page<CaseRecord> list(Caller caller, int page, int size, String purpose) {
        Pageable pageable = Paging.of(page, size, Sort.of(Sort.Order.asc("aliasNo")));
        return tenantTx.write(caller.tenant(), () -> {
            Paging.Page<CaseRecord> cases = Paging.from(repository.findAll(pageable));
            cases.items().forEach(c -> accessLog.record(caller, c.id().toString(), AccessLog.Action.READ, purpose));
            return cases;
        });
    }

    public CaseRecord get(Caller caller, UUID id, String purpose) {
        return tenantTx.write(caller.tenant(), () -> {
            CaseRecord c = repository.findById(id).orElseThrow(() -> ProblemException.notFound("Sagen findes ikke."));
            accessLog.record(caller, c.id().toString(), AccessLog.Action.READ, purpose);
            return c;
        });
    }

    public List<AccessLog.Entry> accessLog(Caller caller, UUID id) {
        return tenantTx.write(caller.tenant(), () -> {
            repository.findById(id).orElseThrow(() -> ProblemException.notFound("Sagen findes ikke."));
            List<AccessLog.Entry> entries = accessLog.forCase(id.toString());
            accessLog.record(caller, id.toString(), AccessLog.Action.READ, "indsigt i adgangslog");
            return entries;
        });
    }

    private int nextAlias(String tenant) {
        return tenantTx.query("""
                insert into alias_counter (tenant, n) values (?, 1)
                on conflict (tenant) do update set n = alias_counter.n + 1 returning n""",
                rs -> rs.getInt(1), tenant).get(0);
    }
}

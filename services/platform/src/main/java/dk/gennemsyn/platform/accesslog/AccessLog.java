package dk.gennemsyn.platform.accesslog;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * Records every read and change of case data (who, tenant, which case, what, when, why) in the
 * append-only access_log table, inside the transaction that reads or changes the case: no log, no data.
 * The application role may insert and select, never update or delete.
 * A row names one case ({@code case_id}) or the cases one page showed ({@code case_ids}); an entry is one case.
 * Hand SQL, not a repository: arrays, a GIN index to find a case, and a search with optional filters.
 */
@Singleton
public class AccessLog {

    public enum Action { READ, CREATE, UPDATE, DELETE, REVEAL, REFUSED }

    @Serdeable
    public record Entry(Instant occurredAt, String actor, String actorRoles, String caseId, String action,
                        String purpose) {

        /** The action in Danish. */
        public String actionLabel() {
            return ACTION_LABELS.getOrDefault(action, action);
        }

        /** The roles in Danish ("Projektleder, Validator …"). */
        public String rolesLabel() {
            return java.util.Arrays.stream(actorRoles.split(",")).filter(r -> !r.isBlank())
                    .map(r -> dk.gennemsyn.platform.security.Roles.LABELS.getOrDefault(r, r))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    public static final java.util.Map<String, String> ACTION_LABELS = new java.util.LinkedHashMap<>();

    static {
        ACTION_LABELS.put("READ", "Læst");
        ACTION_LABELS.put("CREATE", "Oprettet");
        ACTION_LABELS.put("UPDATE", "Ændret");
        ACTION_LABELS.put("DELETE", "Slettet");
        ACTION_LABELS.put("REVEAL", "Sagsnummer vist");
        ACTION_LABELS.put("REFUSED", "Afvist");
    }

    /** What the access-log page filters on; null is "any". Dates are whole days in Denmark, both included. */
    public record Filter(@io.micronaut.core.annotation.Nullable String caseId,
                         @io.micronaut.core.annotation.Nullable String actor,
                         @io.micronaut.core.annotation.Nullable java.time.LocalDate from,
                         @io.micronaut.core.annotation.Nullable java.time.LocalDate to,
                         @io.micronaut.core.annotation.Nullable String action) {
    }

    private final TenantTx tenantTx;

    public AccessLog(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    /** Must run inside {@link TenantTx} for the caller's tenant. */
    public void record(Caller caller, String caseId, Action action, String purpose) {
        tenantTx.update("""
                insert into access_log (tenant, actor, actor_roles, case_id, action, purpose)
                values (?, ?, ?, ?, ?, ?)""",
                caller.tenant(), caller.userId(), String.join(",", caller.roles()), caseId, action.name(), purpose);
    }

    /**
     * One row naming every case of a page, in their order: a reviewer's work list of 200 cases must not cost 200 rows
     * (each row's index entries were the largest cost of a read; platform migration V11). Inside TenantTx.
     */
    public void recordAll(Caller caller, java.util.Collection<String> caseIds, Action action, String purpose) {
        if (caseIds.isEmpty()) {
            return;
        }
        tenantTx.update("""
                insert into access_log (tenant, actor, actor_roles, case_ids, action, purpose)
                values (?, ?, ?, ?::text[], ?, ?)""",
                caller.tenant(), caller.userId(), String.join(",", caller.roles()), tenantTx.array("text", caseIds),
                action.name(), purpose);
    }

    /** The entries matching the filter, newest first, and how many there are. Inside TenantTx. */
    public dk.gennemsyn.platform.web.Paging.Page<Entry> search(Filter f, int page, int size) {
        java.time.ZoneId zone = dk.gennemsyn.platform.web.DanishFormat.ZONE;
        Instant from = f.from() == null ? null : f.from().atStartOfDay(zone).toInstant();
        Instant to = f.to() == null ? null : f.to().plusDays(1).atStartOfDay(zone).toInstant();
        // A row of a page's cases is one entry per case, in the page's order; a case filter finds its rows by index.
        String where = """
                from access_log a
                cross join lateral unnest(coalesce(a.case_ids, array[a.case_id])) with ordinality as c(case_id, n)
                where (?::text is null or ((a.case_id = ? or a.case_ids @> array[?::text]) and c.case_id = ?))
                and (?::text is null or a.actor = ?)
                and (?::timestamptz is null or a.occurred_at >= ?) and (?::timestamptz is null or a.occurred_at < ?)
                and (?::text is null or a.action = ?)""";
        Object[] args = {f.caseId(), f.caseId(), f.caseId(), f.caseId(), f.actor(), f.actor(), from, from, to, to,
                f.action(), f.action()};
        long total = tenantTx.query("select count(*) " + where, rs -> rs.getLong(1), args).get(0);
        Object[] paged = java.util.Arrays.copyOf(args, args.length + 2);
        paged[args.length] = size;
        paged[args.length + 1] = (long) page * size;
        List<Entry> items = tenantTx.query("""
                select a.occurred_at, a.actor, a.actor_roles, c.case_id, a.action, a.purpose
                """ + where + " order by a.occurred_at desc, a.id desc, c.n limit ? offset ?",
                rs -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), paged);
        return new dk.gennemsyn.platform.web.Paging.Page<>(items, page, size, total);
    }

    /** "Who has seen this case": every entry for one case, oldest first. Inside TenantTx. */
    public List<Entry> forCase(String caseId) {
        return tenantTx.query("""
                select occurred_at, actor, actor_roles, action, purpose from access_log
                where case_id = ? or case_ids @> array[?::text] order by occurred_at, id""",
                rs -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), caseId,
                        rs.getString(4), rs.getString(5)),
                caseId, caseId);
    }
}

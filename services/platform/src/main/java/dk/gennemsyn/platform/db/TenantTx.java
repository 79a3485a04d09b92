package dk.gennemsyn.platform.db;

import dk.gennemsyn.platform.events.Correlation;
import dk.gennemsyn.platform.security.Tenants;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import dk.gennemsyn.platform.events.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs work in a transaction bound to one tenant. Row-level security policies compare each row's tenant
 * with {@code current_setting('app.tenant')}, set here with {@code set_config(..., true)} so it ends
 * with the transaction: a connection returned to the pool carries no tenant, and with no tenant set
 * no tenant row is visible.
 */
@Singleton
public class TenantTx {

    private final TransactionOperations<Connection> tx;
    private final Traces traces;

    public TenantTx(TransactionOperations<Connection> tx, Traces traces) {
        this.tx = tx;
        this.traces = traces;
    }

    public <T> T write(String tenant, Supplier<T> work) {
        Tenants.requireValid(tenant);
        return logged(tenant, "db write transaction", () -> tx.executeWrite(status -> {
            bind(status.getConnection(), tenant);
            return work.get();
        }));
    }

    public void write(String tenant, Runnable work) {
        write(tenant, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Work in its own transaction, committed at once even inside another (REQUIRES_NEW): progress that others
     * must see while a long transaction is still running.
     */
    public void writeSeparately(String tenant, Runnable work) {
        Tenants.requireValid(tenant);
        logged(tenant, "db write transaction", () -> tx.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW),
                status -> {
                    bind(status.getConnection(), tenant);
                    work.run();
                    return null;
                }));
    }

    public <T> T read(String tenant, Supplier<T> work) {
        Tenants.requireValid(tenant);
        return logged(tenant, "db read transaction", () -> tx.executeRead(status -> {
            bind(status.getConnection(), tenant);
            return work.get();
        }));
    }

    /**
     * Log lines written during tenant work carry the tenant (a kommunekode: no personal data), and the transaction is a
     * span of the trace; events written in it (the outbox) continue from that span.
     */
    private <T> T logged(String tenant, String spanName, Supplier<T> work) {
        String outer = MDC.get(Correlation.TENANT);
        MDC.put(Correlation.TENANT, tenant);
        Span span = traces.child(spanName, SpanKind.CLIENT);
        span.setAttribute("db.system", "postgresql");
        String trace = Traces.traceparent(span, null);
        try (Scope ignored = span.makeCurrent()) {
            return trace == null ? work.get() : Correlation.within(trace, work);
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
            if (outer == null) {
                MDC.remove(Correlation.TENANT);
            } else {
                MDC.put(Correlation.TENANT, outer);
            }
        }
    }

    /** The connection of the surrounding transaction; fails outside one. */
    public Connection connection() {
        return tx.findTransactionStatus()
                .map(s -> (Connection) s.getConnection())
                .orElseThrow(() -> new IllegalStateException("No transaction: use TenantTx.write/read"));
    }

    /** A PostgreSQL array of {@code type} ("text", "uuid", ...) to bind, e.g. for {@code = any(?)}. */
    public java.sql.Array array(String type, java.util.Collection<?> values) {
        try {
            return connection().createArrayOf(type, values.toArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One column of the rows as a PostgreSQL array, for statements over {@code unnest(...)}. */
    public <T> java.sql.Array array(String type, java.util.Collection<T> rows, java.util.function.Function<T, ?> column) {
        return array(type, rows.stream().map(column).toList());
    }

    /**
     * Serialises, until the surrounding transaction ends, every transaction of this tenant that locks the same
     * scope: the way to allocate the next human-readable number ("A7", version 3, "Rådgiver 12") from what is
     * stored, so two concurrent allocations cannot both read the same maximum.
     */
    public void lockScope(String scope) {
        query("select pg_advisory_xact_lock(hashtextextended(current_setting('app.tenant', true) || ':' || ?, 0))",
                rs -> null, scope);
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A query in the surrounding tenant transaction; RLS scopes it, so it needs no tenant filter. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage(), e);
        }
    }

    /** Calls back for each row without holding the result in memory (cursor of fetchSize rows); inside a transaction. */
    public void forEach(String sql, int fetchSize, RowCallback callback, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            ps.setFetchSize(fetchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    callback.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    public interface RowCallback {
        void row(ResultSet rs) throws SQLException;
    }

    /** An insert, update or delete in the surrounding tenant transaction; returns the rows affected. */
    public int update(String sql, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Update failed: " + e.getMessage(), e);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection().prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            ps.setObject(i + 1, a instanceof Instant instant ? Timestamp.from(instant) : a);
        }
        return ps;
    }

    static void bind(Connection connection, String tenant) {
        try (PreparedStatement ps = connection.prepareStatement("select set_config('app.tenant', ?, true)")) {
            ps.setString(1, tenant);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not bind tenant to transaction", e);
        }
    }
}

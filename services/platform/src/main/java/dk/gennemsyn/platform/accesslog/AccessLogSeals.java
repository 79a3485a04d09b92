package dk.gennemsyn.platform.accesslog;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Seals the access log into a hash chain per municipality (platform migration V7: {@code seal_access_log},
 * {@code verify_access_log}), and lets the municipality's administrator check it: the first seal whose rows no
 * longer match is the first broken link. The functions run as the database owner; the application role may only
 * call them.
 * Hand SQL, not a repository: it calls those database functions.
 */
@Controller("/api/access-log")
@Secured(Roles.TENANT_ADMIN)
public class AccessLogSeals {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLogSeals.class);

    /** What the check found; {@code intact} is false from the first broken seal on. */
    /**
     * What the check found; {@code intact} is false from the first broken seal on, or when a head recorded earlier
     * ({@code expectedSeal}/{@code expectedHash}) is no longer in the chain: the chain was re-sealed after a change.
     * {@code headSeal}/{@code headHash} are for keeping outside the database (the administrator's records, a monitor).
     */
    @Serdeable
    public record Verification(String tenant, boolean intact, long seals, long rowsChecked, @Nullable Long brokenSeal,
                               @Nullable Long brokenFirstRowId, @Nullable Long brokenLastRowId, long unsealedRows,
                               @Nullable Long headSeal, @Nullable String headHash, @Nullable Boolean expectedHeadFound) {
    }

    private final TransactionOperations<Connection> tx;
    private final dk.gennemsyn.platform.db.TenantTx tenantTx;

    AccessLogSeals(TransactionOperations<Connection> tx, dk.gennemsyn.platform.db.TenantTx tenantTx) {
        this.tx = tx;
        this.tenantTx = tenantTx;
    }

    /** Seals what was written since the last run; a few seconds behind the writes. Returns the rows sealed. */
    @Scheduled(fixedDelay = "${gennemsyn.access-log.seal-interval:2s}", initialDelay = "1s")
    public int seal() {
        try {
            return tx.execute(TransactionDefinition.DEFAULT, status -> {
                try (var st = status.getConnection().createStatement(); ResultSet rs = st.executeQuery("select seal_access_log()")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("Access log not sealed this round: {}", e.getMessage());
            return 0;
        }
    }

    /** The caller's municipality's chain, checked from its first seal. */
    @Get("/verification")
    public Verification verification(@Nullable @io.micronaut.http.annotation.QueryValue Long seal,
                                     @Nullable @io.micronaut.http.annotation.QueryValue String hash, Authentication auth) {
        return verify(Caller.of(auth).tenant(), seal, hash);
    }

    public Verification verify(String tenant) {
        return verify(tenant, null, null);
    }

    /** The chain checked, and (when given) whether a head published earlier is still in it unchanged. */
    public Verification verify(String tenant, @Nullable Long expectedSeal, @Nullable String expectedHash) {
        if ((expectedSeal == null) != (expectedHash == null)) {
            throw dk.gennemsyn.platform.problem.ProblemException.invalid(expectedSeal == null ? "seal" : "hash",
                    "Angiv både seglets nummer (seal) og dets hash (hash), som de blev vist ved en tidligere kontrol.");
        }
        Verification chain = chain(tenant);
        record Head(long seq, String hash) {
        }
        java.util.List<Head> heads = tenantTx.read(tenant, () -> tenantTx.query(
                "select seq, encode(hash, 'hex') from access_log_seals where seq = (select max(seq) from access_log_seals)"
                        + (expectedSeal == null ? "" : " or seq = ?") + " order by seq desc",
                rs -> new Head(rs.getLong(1), rs.getString(2)),
                expectedSeal == null ? new Object[0] : new Object[] {expectedSeal}));
        Head head = heads.isEmpty() ? null : heads.get(0);
        Boolean found = expectedSeal == null ? null
                : heads.stream().anyMatch(h -> h.seq() == expectedSeal && h.hash().equalsIgnoreCase(expectedHash));
        return new Verification(tenant, chain.intact() && !Boolean.FALSE.equals(found), chain.seals(), chain.rowsChecked(),
                chain.brokenSeal(), chain.brokenFirstRowId(), chain.brokenLastRowId(), chain.unsealedRows(),
                head == null ? null : head.seq(), head == null ? null : head.hash(), found);
    }

    private Verification chain(String tenant) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("select * from verify_access_log(?)")) {
                ps.setString(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Long broken = rs.getObject("broken_seq", Long.class);
                    return new Verification(tenant, broken == null, rs.getLong("seals"), rs.getLong("rows_checked"), broken,
                            rs.getObject("broken_first_id", Long.class), rs.getObject("broken_last_id", Long.class),
                            rs.getLong("unsealed"), null, null, null);
                }
            }
        });
    }
}

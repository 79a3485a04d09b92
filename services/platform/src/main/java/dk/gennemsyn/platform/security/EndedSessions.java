package dk.gennemsyn.platform.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose session was ended by signing out (docs/security.md, "How a session ends"). The service where the user
 * signed out records the token's id and publishes {@code SessionEnded}; every service stores it
 * ({@link SessionEndedHandler}), and every replica reads the table each second, so a signed-out token is refused
 * everywhere within about a second, until it expires anyway. Checked in memory on every request.
 */
@Singleton
public class EndedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(EndedSessions.class);
    /** Rows written this long before the last read are read again: commits can land out of order. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    private final TransactionOperations<Connection> tx;
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    private volatile Instant readUpTo = Instant.EPOCH;

    public EndedSessions(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** The id a token is ended by: its jti, or a hash of the whole token (never the token itself). */
    public static String tokenId(String token, JWTClaimsSet claims) {
        if (claims.getJWTID() != null && !claims.getJWTID().isBlank()) {
            return "jti:" + claims.getJWTID();
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isEnded(String tokenId) {
        return ended.containsKey(tokenId);
    }

    /** Records an ended session in this service, in the caller's transaction if there is one. */
    public void record(String tokenId, Instant expiresAt) {
        tx.execute(TransactionDefinition.DEFAULT, status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "insert into ended_sessions (token_id, expires_at) values (?, ?) on conflict do nothing")) {
                ps.setString(1, tokenId);
                ps.setTimestamp(2, Timestamp.from(expiresAt));
                ps.executeUpdate();
            }
            return null;
        });
        ended.put(tokenId, expiresAt);
    }

    /** Reads what other replicas and services recorded; forgets what has expired. */
    @Scheduled(fixedDelay = "${gennemsyn.security.ended-sessions-refresh:1s}", initialDelay = "0s")
    void refresh() {
        try {
            Instant now = Instant.now();
            Instant since = readUpTo.minus(OVERLAP);
            Instant newest = tx.executeRead(status -> {
                Instant max = readUpTo;
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "select token_id, expires_at, ended_at from ended_sessions where ended_at > ? and expires_at > ?")) {
                    ps.setTimestamp(1, Timestamp.from(since));
                    ps.setTimestamp(2, Timestamp.from(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ended.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                            Instant at = rs.getTimestamp(3).toInstant();
                            if (at.isAfter(max)) {
                                max = at;
                            }
                        }
                    }
                }
                return max;
            });
            readUpTo = newest;
            ended.values().removeIf(expiry -> expiry.isBefore(now.minusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS)));
        } catch (RuntimeException e) {
            // The database is away: what is known stays known; tried again in a second.
            LOG.debug("Could not read ended sessions: {}", e.getMessage());
        }
    }

    /** Rows of tokens that have expired are no longer needed. */
    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void prune() {
        try {
            tx.execute(TransactionDefinition.DEFAULT, status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "delete from ended_sessions where expires_at < now() - interval '1 hour'")) {
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("Could not prune ended sessions: {}", e.getMessage());
        }
    }
}

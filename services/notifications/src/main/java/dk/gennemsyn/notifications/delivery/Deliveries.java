package dk.gennemsyn.notifications.delivery;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every delivery, on either channel, kept with its state and attempts: the tenant's delivery log. An e-mail is
 * written here in the transaction that decided to send it and sent afterwards by the {@link Mailer}, so a crash or
 * an SMTP outage loses nothing.
 */
@Singleton
public class Deliveries {

    @Serdeable
    public record Delivery(UUID id, String recipient, String address, String channel, String kind, String trigger,
                           String subject, String state, int attempts, @Nullable String lastError, Instant createdAt,
                           @Nullable Instant sentAt, @Nullable Instant nextAttemptAt) {
    }

    /** One e-mail to write: the message it carries (null for a digest), and an invitation's calendar. */
    public record Email(String dedupeKey, @Nullable UUID messageId, String recipient, String address, String kind,
                        String trigger, String subject, String body, @Nullable String link, @Nullable String calendar,
                        boolean urgent) {
    }

    public static final java.util.Map<String, String> STATES = java.util.Map.of(
            "pending", "Afventer", "retrying", "Forsøges igen", "sent", "Sendt", "failed", "Mislykkedes");

    private final TenantTx tenantTx;
    private final TransactionOperations<Connection> tx;
    private final Provider<Mailer> mailer;

    Deliveries(TenantTx tenantTx, TransactionOperations<Connection> tx, Provider<Mailer> mailer) {
        this.tenantTx = tenantTx;
        this.tx = tx;
        this.mailer = mailer;
    }

    /** Inside a tenant transaction: the in-app inbox got the message (logged as delivered at once). */
    public void inbox(String tenant, UUID messageId, String recipient, String trigger, String subject) {
        tenantTx.update("""
                insert into deliveries (id, tenant, dedupe_key, message_id, recipient, address, channel, kind, trigger,
                    subject, body, state, sent_at)
                values (?, ?, ?, ?, ?, 'indbakke', 'inbox', 'message', ?, ?, '', 'sent', now())
                on conflict (tenant, dedupe_key) do nothing""",
                UUID.randomUUID(), tenant, "inbox:" + messageId, messageId, recipient, trigger, subject);
    }

    /**
     * Inside a tenant transaction: an e-mail to send; the mailer is woken when the transaction commits. Without an
     * address it is logged as failed, so the administrator sees who could not be reached. False if it existed.
     */
    public boolean email(String tenant, Email e) {
        boolean noAddress = e.address() == null || e.address().isBlank();
        int n = tenantTx.update("""
                insert into deliveries (id, tenant, dedupe_key, message_id, recipient, address, channel, kind, trigger,
                    subject, body, link, calendar, urgent, state, last_error)
                values (?, ?, ?, ?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant, dedupe_key) do nothing""",
                UUID.randomUUID(), tenant, e.dedupeKey(), e.messageId(), e.recipient(), noAddress ? "" : e.address(),
                e.kind(), e.trigger(), e.subject(), e.body(), e.link(), e.calendar(), e.urgent(),
                noAddress ? "failed" : "pending", noAddress ? "Ingen e-mailadresse på modtageren" : null);
        if (n > 0 && !noAddress) {
            wakeMailerAfterCommit(tenant);
        }
        return n > 0;
    }

    private void wakeMailerAfterCommit(String tenant) {
        tx.findTransactionStatus().ifPresent(status -> status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(Status completion) {
                if (completion == Status.COMMITTED) {
                    mailer.get().wake(tenant);
                }
            }
        }));
    }

    public Paging.Page<Delivery> log(Caller caller, @Nullable String state, @Nullable String channel, io.micronaut.data.model.Pageable page) {
        return tenantTx.read(caller.tenant(), () -> {
            String where = " where (?::text is null or state = ?) and (?::text is null or channel = ?)";
            long total = tenantTx.query("select count(*) from deliveries" + where, rs -> rs.getLong(1),
                    state, state, channel, channel).get(0);
            List<Delivery> rows = tenantTx.query("""
                    select id, recipient, address, channel, kind, trigger, subject, state, attempts, last_error,
                        created_at, sent_at, next_attempt_at from deliveries""" + where
                            + " order by created_at desc, id limit ? offset ?",
                    rs -> new Delivery(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                            rs.getString(10), rs.getTimestamp(11).toInstant(), instant(rs.getTimestamp(12)),
                            rs.getString(8).equals("retrying") ? instant(rs.getTimestamp(13)) : null),
                    state, state, channel, channel, page.getSize(), page.getOffset());
            return new Paging.Page<>(rows, page.getNumber(), page.getSize(), total);
        });
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

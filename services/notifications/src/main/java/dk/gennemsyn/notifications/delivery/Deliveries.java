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

    private final DeliveryRows rows;
    private final TenantTx tenantTx;
    private final TransactionOperations<Connection> tx;
    private final Provider<Mailer> mailer;

    Deliveries(DeliveryRows rows, TenantTx tenantTx, TransactionOperations<Connection> tx, Provider<Mailer> mailer) {
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.tx = tx;
        this.mailer = mailer;
    }

    /** Inside a tenant transaction: the in-app inbox got the message (logged as delivered at once). */
    public void inbox(String tenant, UUID messageId, String recipient, String trigger, String subject) {
        rows.inbox(UUID.randomUUID(), tenant, "inbox:" + messageId, messageId, recipient, trigger, subject);
    }

    /**
     * Inside a tenant transaction: an e-mail to send; the mailer is woken when the transaction commits. Without an
     * address it is logged as failed, so the administrator sees who could not be reached. False if it existed.
     */
    public boolean email(String tenant, Email e) {
        boolean noAddress = e.address() == null || e.address().isBlank();
        long n = rows.email(UUID.randomUUID(), tenant, e.dedupeKey(), e.messageId(), e.recipient(), noAddress ? "" : e.address(),
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

    /** Inside a tenant transaction: whether a delivery with the key was written (a digest's period, say). */
    public boolean exists(String dedupeKey) {
        return rows.existsByDedupeKey(dedupeKey);
    }

    public Paging.Page<Delivery> log(Caller caller, @Nullable String state, @Nullable String channel, io.micronaut.data.model.Pageable page) {
        return tenantTx.read(caller.tenant(), () -> {
            var found = rows.log(state, channel, page);
            return new Paging.Page<>(found.getContent().stream().map(DeliveryRow::view).toList(), page.getNumber(),
                    page.getSize(), found.getTotalSize());
        });
    }
}

package dk.gennemsyn.notifications.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeliveryRows extends GenericRepository<DeliveryRow, UUID> {

    /** The inbox got the message: logged as delivered at once (once per message). */
    @Query("""
            insert into deliveries (id, tenant, dedupe_key, message_id, recipient, address, channel, kind, trigger,
                subject, body, state, sent_at)
            values (:id, :tenant, :dedupeKey, :messageId, :recipient, 'indbakke', 'inbox', 'message', :trigger, :subject,
                '', 'sent', now())
            on conflict (tenant, dedupe_key) do nothing""")
    long inbox(UUID id, String tenant, String dedupeKey, UUID messageId, String recipient, String trigger, String subject);

    /** An e-mail to send (or, without an address, failed at once); 0 if one with the dedupe key exists. */
    @Query("""
            insert into deliveries (id, tenant, dedupe_key, message_id, recipient, address, channel, kind, trigger,
                subject, body, link, calendar, urgent, state, last_error)
            values (:id, :tenant, :dedupeKey, :messageId, :recipient, :address, 'email', :kind, :trigger, :subject, :body,
                :link, :calendar, :urgent, :state, :lastError)
            on conflict (tenant, dedupe_key) do nothing""")
    long email(UUID id, String tenant, String dedupeKey, @Nullable UUID messageId, String recipient, String address,
               String kind, String trigger, String subject, String body, @Nullable String link, @Nullable String calendar,
               boolean urgent, String state, @Nullable String lastError);

    boolean existsByDedupeKey(String dedupeKey);

    /** The log, newest first, of one state and channel (or all). */
    @Query(value = """
            select * from deliveries
            where (cast(:state as text) is null or state = :state) and (cast(:channel as text) is null or channel = :channel)
            order by created_at desc, id""",
            countQuery = """
            select count(*) from deliveries
            where (cast(:state as text) is null or state = :state) and (cast(:channel as text) is null or channel = :channel)""")
    Page<DeliveryRow> log(@Nullable String state, @Nullable String channel, Pageable pageable);
}

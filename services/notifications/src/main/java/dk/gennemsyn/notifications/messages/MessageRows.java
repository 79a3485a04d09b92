package dk.gennemsyn.notifications.messages;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MessageRows extends GenericRepository<MessageRow, UUID> {

    /** A message waiting for its recipient's digest. */
    @Introspected
    record Pending(String recipient, UUID id, String subject, @Nullable String link, String recipientName,
                   Instant createdAt) {
    }

    /**
     * A new message, unless this occurrence was handled before (the recipient has a message with the dedupe key);
     * 0 then.
     */
    @Query("""
            insert into messages (id, tenant, recipient, recipient_name, review_id, case_id, trigger, dedupe_key,
                subject, body, link, urgent, in_inbox, digest_state)
            values (:id, :tenant, :recipient, :recipientName, :reviewId, :caseId, :trigger, :dedupeKey,
                :subject, :body, :link, :urgent, :inInbox, :digestState)
            on conflict (tenant, recipient, dedupe_key) do nothing""")
    long add(UUID id, String tenant, String recipient, String recipientName, @Nullable UUID reviewId,
             @Nullable UUID caseId, String trigger, String dedupeKey, String subject, String body, @Nullable String link,
             boolean urgent, boolean inInbox, String digestState);

    /** The recipient's inbox (or its unread part), newest first. */
    @Query(value = """
            select * from messages where in_inbox and recipient = :recipient and (not :unreadOnly or read_at is null)
            order by created_at desc, id""",
            countQuery = """
            select count(*) from messages where in_inbox and recipient = :recipient and (not :unreadOnly or read_at is null)""")
    Page<MessageRow> inbox(String recipient, boolean unreadOnly, Pageable pageable);

    @Query("select count(*) from messages where in_inbox and recipient = :recipient and read_at is null")
    long unread(String recipient);

    @Query("update messages set read_at = coalesce(read_at, now()) where id = :id and recipient = :recipient and in_inbox")
    long markRead(UUID id, String recipient);

    @Query("update messages set read_at = now() where recipient = :recipient and in_inbox and read_at is null")
    long markAllRead(String recipient);

    /** Every message waiting for a digest, by recipient and age. */
    @Query("""
            select recipient, id, subject, link, recipient_name, created_at from messages
            where digest_state = 'pending' order by recipient, created_at, id""")
    List<Pending> pendingDigest();

    @Query("update messages set digest_state = 'sent' where id in (:ids)")
    long digested(List<UUID> ids);

    /** The messages linking to a page, each with its latest e-mail's fate. */
    @Query("""
            select m.recipient_name as name, m.subject, m.urgent, m.created_at as told_at, m.in_inbox, m.read_at,
                d.state as email_state, d.sent_at as email_sent_at
            from messages m
            left join lateral (select state, sent_at from deliveries x where x.message_id = m.id and x.channel = 'email'
                               order by x.created_at desc limit 1) d on true
            where m.link = :link order by m.created_at, m.recipient_name""")
    List<Told.Recipient> told(String link);
}

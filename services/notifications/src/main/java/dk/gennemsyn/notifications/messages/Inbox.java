package dk.gennemsyn.notifications.messages;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.UUID;

/** Each user's in-app inbox: their own messages only, newest first. */
@Singleton
public class Inbox {

    @Serdeable
    public record Item(UUID id, String trigger, String subject, String body, @Nullable String link, boolean urgent,
                       Instant createdAt, @Nullable Instant readAt) {
    }

    private final MessageRows rows;
    private final TenantTx tenantTx;

    Inbox(MessageRows rows, TenantTx tenantTx) {
        this.rows = rows;
        this.tenantTx = tenantTx;
    }

    public Paging.Page<Item> list(Caller caller, boolean unreadOnly, Pageable page) {
        return tenantTx.read(caller.tenant(), () -> {
            Page<MessageRow> found = rows.inbox(caller.userId(), unreadOnly, page);
            return new Paging.Page<>(found.getContent().stream().map(MessageRow::item).toList(), page.getNumber(),
                    page.getSize(), found.getTotalSize());
        });
    }

    public long unread(Caller caller) {
        return tenantTx.read(caller.tenant(), () -> rows.unread(caller.userId()));
    }

    /** Marks one of the caller's own messages read; someone else's is "not found". */
    public void markRead(Caller caller, UUID id) {
        tenantTx.write(caller.tenant(), () -> {
            if (rows.markRead(id, caller.userId()) == 0) {
                throw ProblemException.notFound("Beskeden findes ikke.");
            }
        });
    }

    public int markAllRead(Caller caller) {
        return tenantTx.write(caller.tenant(), () -> (int) rows.markAllRead(caller.userId()));
    }
}

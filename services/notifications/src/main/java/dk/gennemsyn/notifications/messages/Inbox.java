package dk.gennemsyn.notifications.messages;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Each user's in-app inbox: their own messages only, newest first. */
@Singleton
public class Inbox {

    @Serdeable
    public record Item(UUID id, String trigger, String subject, String body, @Nullable String link, boolean urgent,
                       Instant createdAt, @Nullable Instant readAt) {
    }

    private final TenantTx tenantTx;

    Inbox(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    public Paging.Page<Item> list(Caller caller, boolean unreadOnly, Pageable page) {
        return tenantTx.read(caller.tenant(), () -> {
            String where = " where in_inbox and recipient = ? and (not ? or read_at is null)";
            long total = tenantTx.query("select count(*) from messages" + where, rs -> rs.getLong(1), caller.userId(),
                    unreadOnly).get(0);
            List<Item> items = tenantTx.query("select id, trigger, subject, body, link, urgent, created_at, read_at "
                            + "from messages" + where + " order by created_at desc, id limit ? offset ?",
                    rs -> new Item(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(),
                            rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()),
                    caller.userId(), unreadOnly, page.getSize(), page.getOffset());
            return new Paging.Page<>(items, page.getNumber(), page.getSize(), total);
        });
    }

    public long unread(Caller caller) {
        return tenantTx.read(caller.tenant(), () -> tenantTx.query(
                "select count(*) from messages where in_inbox and recipient = ? and read_at is null", rs -> rs.getLong(1),
                caller.userId()).get(0));
    }

    /** Marks one of the caller's own messages read; someone else's is "not found". */
    public void markRead(Caller caller, UUID id) {
        tenantTx.write(caller.tenant(), () -> {
            if (tenantTx.update("update messages set read_at = coalesce(read_at, now()) where id = ? and recipient = ? and in_inbox",
                    id, caller.userId()) == 0) {
                throw ProblemException.notFound("Beskeden findes ikke.");
            }
        });
    }

    public int markAllRead(Caller caller) {
        return tenantTx.write(caller.tenant(), () -> tenantTx.update(
                "update messages set read_at = now() where recipient = ? and in_inbox and read_at is null", caller.userId()));
    }
}

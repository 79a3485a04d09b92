package dk.gennemsyn.notifications.calendar;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface InvitationRows extends CrudRepository<InvitationRow, String> {

    List<InvitationRow> findByReviewId(UUID reviewId);

    /** The meeting moved, renamed or back again: a new sequence replaces the earlier invitation. */
    @Query("update invitations set title = :title, date = :date, sequence = :sequence, cancelled = false where uid = :uid")
    long change(String uid, String title, LocalDate date, int sequence);

    @Query("update invitations set sequence = :sequence, cancelled = true where uid = :uid")
    long cancel(String uid, int sequence);
}

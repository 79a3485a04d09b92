package dk.gennemsyn.caseintake.reviews;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MilestoneRows extends CrudRepository<MilestoneRow, UUID> {

    /** The review's milestones by date. */
    @Query("select * from milestones where review_id = :reviewId order by due_on, title")
    List<MilestoneRow> inOrder(UUID reviewId);

    Optional<MilestoneRow> findByIdAndReviewId(UUID id, UUID reviewId);

    /** Changes the version the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update milestones set kind = :kind, title = :title, due_on = :dueOn, version = version + 1
            where id = :id and review_id = :reviewId and version = :version""")
    long change(UUID id, UUID reviewId, long version, String kind, String title, LocalDate dueOn);

    @Query("delete from milestones where id = :id and review_id = :reviewId")
    long remove(UUID id, UUID reviewId);
}

package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.caseintake.reviews.Membership;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CaseRows extends CrudRepository<CaseRow, UUID> {

    /** The case as shown: without its case number, only whether it has one. */
    String SHOWN = """
            select c.id, c.tenant, c.alias_no, c.case_type, c.birth_year, c.age_band, c.team, c.caseworker, c.open,
                   c.case_no_hash is not null as has_case_number, c.created_at, c.updated_at, c.version from cases c""";

    /** The list's filters; a null parameter means "any". A non-staff caller sees only the cases of their reviews. */
    String LISTED = """
             where (cast(:caseType as text) is null or c.case_type = :caseType)
            and (cast(:team as text) is null or c.team = :team)
            and (cast(:open as boolean) is null or c.open = :open)
            and (cast(:reviewId as uuid) is null
                 or exists (select 1 from review_cases rc where rc.case_id = c.id and rc.review_id = :reviewId))
            and (cast(:aliasNo as int) is null or c.alias_no = :aliasNo)
            and (:staff or exists (select 1 from review_cases rc join reviews r on r.id = rc.review_id
                                   where rc.case_id = c.id and\s""" + Membership.ACTIVE_REVIEWER + "))";

    @Query(value = SHOWN + LISTED + " order by c.alias_no", countQuery = "select count(*) from cases c" + LISTED)
    Page<CaseRecord> page(@Nullable String caseType, @Nullable String team, @Nullable Boolean open,
                          @Nullable UUID reviewId, @Nullable Integer aliasNo, boolean staff, @Nullable String userId,
                          Instant now, Pageable pageable);

    /**
     * A page of all the tenant's cases, without counting them (see {@link #caseCount()}). The page starts at the alias
     * found by skipping {@code offset} entries of the (tenant, alias_no) index alone: an OFFSET over whole rows read
     * every case skipped from the table (0.89 against 0.36 ms at offset 1,000, docs/benchmarks.md).
     */
    @Query(SHOWN + " where c.alias_no >= (select alias_no from cases order by alias_no offset :offset limit 1)"
            + " order by c.alias_no limit :size")
    List<CaseRecord> all(int size, long offset);

    /** The tenant's number of cases, kept by triggers on cases (V6). */
    @Query("select coalesce(sum(n), 0) from case_counts")
    long caseCount();

    @Query(SHOWN + " where c.id = :id")
    Optional<CaseRecord> shown(UUID id);

    @Query(SHOWN + " where c.case_no_hash = :hash")
    Optional<CaseRecord> shownByCaseNumber(byte[] hash);

    @Query("select exists (select 1 from cases where case_no_hash = :hash)")
    boolean caseNumberTaken(byte[] hash);

    /** Changes the version the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update cases set case_type = :caseType, birth_year = :birthYear, age_band = :ageBand, team = :team,
                             caseworker = coalesce(:caseworker, caseworker), open = :open, updated_at = :at,
                             version = version + 1
            where id = :id and version = :version""")
    long change(UUID id, long version, String caseType, @Nullable Integer birthYear, @Nullable String ageBand,
                @Nullable String team, @Nullable String caseworker, boolean open, Instant at);

    /** A new version of the case (its timeline changed). */
    @Query("update cases set version = version + 1, updated_at = :at where id = :id")
    long touch(UUID id, Instant at);

    /** The cases whose number is encrypted under another key version than {@code key}, locked for re-encryption. */
    @Query("select * from cases where case_no_key <> :key for update")
    List<CaseRow> underOtherKey(int key);

    @Query("update cases set case_no_enc = :enc, case_no_key = :key where id = :id")
    long reencrypt(UUID id, byte[] enc, int key);

    /** Reserves n more alias numbers (the counter row stays locked until the transaction ends). */
    @Query("""
            insert into alias_counter (tenant, n) values (:tenant, :n)
            on conflict (tenant) do update set n = alias_counter.n + excluded.n""")
    long reserveAliases(String tenant, int n);

    /** The last alias number reserved. */
    @Query("select n from alias_counter")
    int lastAlias();

    /** The next caseworker number for a name's hash not seen before; call under the caseworker-number lock. */
    @Query("""
            insert into pseudonyms (tenant, kind, name_hash, no)
            select :tenant, 'caseworker', :hash, coalesce(max(no), 0) + 1 from pseudonyms where kind = 'caseworker'
            on conflict (tenant, kind, name_hash) do nothing""")
    long numberCaseworker(String tenant, byte[] hash);

    @Query("select no from pseudonyms where kind = 'caseworker' and name_hash = :hash")
    int caseworkerNumber(byte[] hash);
}

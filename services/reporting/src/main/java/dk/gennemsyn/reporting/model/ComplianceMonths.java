package dk.gennemsyn.reporting.model;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.util.List;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ComplianceMonths extends GenericRepository<ComplianceMonthRow, ComplianceMonthRow.Key> {

    /** A rule's cases met and judged in a month, with the rule's Danish title and paragraph. */
    @Introspected
    record Rate(LocalDate month, String rule, int met, int judged, String title, String paragraph) {
    }

    /** Per month and rule, in that order. */
    @Query("""
            select m.month, m.rule, count(*) filter (where m.met) as met, count(*) as judged,
                   coalesce(min(r.title), m.rule) as title, coalesce(min(r.paragraph), '') as paragraph
            from compliance_months m left join legal_rules r on r.rule = m.rule
            group by m.month, m.rule order by m.month, m.rule""")
    List<Rate> rates();
}

package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.caseintake.cases.CaseNumbers;
import dk.gennemsyn.caseintake.cases.CaseRecord;
import dk.gennemsyn.caseintake.cases.Cases;
import dk.gennemsyn.caseintake.cases.TimelineEntry;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.security.Caller;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The import's last phases, inside its transaction: the staged rows merged set-based (new cases created, changed
 * ones updated with their imported timeline replaced, unchanged ones left alone by a digest of their rows), then a
 * CaseUpdated for every case written. Hand SQL: the merge is set-based, the events are streamed.
 */
@Singleton
class ImportMerge {

    record Counts(int created, int updated, int unchanged, int rejectedRows) {
    }

    /** What the merge found: new cases, cases to write (new or changed), cases in all, and their rows. */
    private record Plan(int fresh, int touched, int planned, int planRows) {
    }

    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final CaseNumbers caseNumbers;
    private final Cases cases;
    private final ImportJobs jobs;
    private final Clock clock;

    ImportMerge(TenantTx tenantTx, Outbox outbox, CaseNumbers caseNumbers, Cases cases, ImportJobs jobs, Clock clock) {
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.caseNumbers = caseNumbers;
        this.cases = cases;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Set-based merge of the staged rows; returns the counts. */
    Counts merge(Caller caller, int rows) {
        String tenant = caller.tenant();
        Instant now = clock.instant();
        // Rows of a case with any bad row are skipped together: a case is never imported with part of its timeline.
        // A new case gets its id here, and "touched" (new, or its rows changed) decides what is written, so the
        // later steps join this small temp table instead of looking the cases up again.
        tenantTx.update("""
                create temp table import_plan on commit drop as
                select g.*, coalesce(g.existing_id, gen_random_uuid()) as case_id,
                       g.existing_id is null or g.digest is distinct from g.old_digest as touched
                from (select r.case_hash, (array_agg(r.case_no_enc))[1] as enc, min(r.case_type) as case_type,
                             min(r.birth_year) as birth_year, min(r.age_band) as age_band, min(r.team) as team,
                             (array_agg(r.caseworker_hash))[1] as caseworker_hash, bool_and(r.open) as open,
                             md5(string_agg(r.row_digest, '' order by r.row_digest)) as digest, min(r.line) as first_line,
                             count(*) as row_count, c.id as existing_id, c.import_digest as old_digest
                      from import_rows r left join cases c on c.case_no_hash = r.case_hash
                      group by r.case_hash, c.id, c.import_digest
                      having not bool_or(r.bad)) g""");
        tenantTx.update("analyze import_plan");
        Plan plan = tenantTx.query("""
                select count(*) filter (where existing_id is null), count(*) filter (where touched), count(*),
                       coalesce(sum(row_count), 0) from import_plan""",
                rs -> new Plan(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).get(0);
        // Rejected: rows of skipped cases, and rows that could not be staged at all (no case number, a CPR number).
        int rejectedRows = rows - plan.planRows();
        // Aliases first, then caseworker numbers: the order a single registration takes the two locks in.
        int firstAlias = plan.fresh() == 0 ? 0 : cases.nextAliases(tenant, plan.fresh());
        // Caseworkers the tenant has not seen before get the next pseudonym numbers, in the file's order.
        tenantTx.lockScope(Cases.CASEWORKER_NUMBERS);
        tenantTx.update("""
                insert into pseudonyms (tenant, kind, name_hash, no)
                select ?, 'caseworker', h, (select coalesce(max(no), 0) from pseudonyms where kind = 'caseworker')
                                           + row_number() over (order by first_line)
                from (select caseworker_hash as h, min(first_line) as first_line from import_plan
                      where caseworker_hash is not null group by caseworker_hash) x
                where not exists (select 1 from pseudonyms p where p.kind = 'caseworker' and p.name_hash = x.h)""", tenant);
        tenantTx.update("""
                insert into cases (id, tenant, alias_no, case_type, case_no_enc, case_no_hash, case_no_key, birth_year,
                                   age_band, team, caseworker, open, import_digest, created_at, updated_at)
                select p.case_id, ?, ? + (row_number() over (order by p.first_line))::int - 1, p.case_type,
                       p.enc, p.case_hash, ?, p.birth_year, p.age_band, p.team, 'Rådgiver ' || ps.no, p.open, p.digest, ?, ?
                from import_plan p left join pseudonyms ps on ps.kind = 'caseworker' and ps.name_hash = p.caseworker_hash
                where p.existing_id is null""",
                tenant, firstAlias, caseNumbers.currentKey(), now, now);
        tenantTx.update("""
                update cases c set case_type = p.case_type, birth_year = p.birth_year, age_band = p.age_band,
                                   team = p.team, caseworker = 'Rådgiver ' || ps.no, open = p.open,
                                   import_digest = p.digest, version = c.version + 1, updated_at = ?
                from import_plan p left join pseudonyms ps on ps.kind = 'caseworker' and ps.name_hash = p.caseworker_hash
                where c.id = p.existing_id and p.touched""", now);
        tenantTx.update("""
                delete from timeline_events t using import_plan p
                where t.case_id = p.existing_id and p.touched and t.source = 'import'""");
        tenantTx.update("""
                insert into timeline_events (id, tenant, case_id, kind, occurred_on, note, measure_id, legal_basis_barnets_lov,
                                             legal_basis_serviceloven, yearly_cost_kr, without_consent, source, created_at,
                                             occurred_time)
                select gen_random_uuid(), ?, p.case_id, r.kind, r.occurred_on, r.note, m.id,
                       case when r.bl = '' then coalesce(m.legal_basis_barnets_lov, '') else r.bl end,
                       case when r.sel = '' then coalesce(m.legal_basis_serviceloven, '') else r.sel end,
                       coalesce(r.cost, m.price_per_year_kr), r.without_consent, 'import', ?, r.occurred_time
                from import_rows r
                join import_plan p on p.case_hash = r.case_hash and p.touched
                left join measures m on lower(m.name) = lower(r.measure_name)
                where r.kind is not null""", tenant, now);
        // Access-log rows of up to 1,000 cases each, as a page of cases is logged (platform V11), not one per case.
        tenantTx.update("""
                insert into access_log (tenant, actor, actor_roles, case_ids, action, purpose)
                select ?, ?, ?, array_agg(case_id::text order by case_id), action, 'import fra sagssystem'
                from (select case_id, case when existing_id is null then 'CREATE' else 'UPDATE' end as action,
                             (row_number() over (partition by existing_id is null order by case_id) - 1) / 1000 as chunk
                      from import_plan where touched) p
                group by action, chunk""", tenant, caller.userId(), String.join(",", caller.roles()));
        return new Counts(plan.fresh(), plan.touched() - plan.fresh(), plan.planned() - plan.touched(), rejectedRows);
    }

    /** CaseUpdated (version 0 for a new case) for every touched case, streamed and flushed in chunks. */
    void publish(String tenant, UUID jobId, int rows, int total) {
        int[] done = {0};
        CaseRecord[] current = {null};
        List<TimelineEntry> timeline = new ArrayList<>();
        Runnable emit = () -> {
            CaseRecord c = current[0];
            outbox.append(tenant, c.id().toString(), Cases.snapshot(c, timeline));
            timeline.clear();
            if (++done[0] % 1000 == 0) {
                outbox.flush();
                jobs.progress(tenant, jobId, "running", "Sender hændelser", 85 + 15 * done[0] / Math.max(total, 1), -1, rows);
            }
        };
        tenantTx.forEach("select " + CaseRecord.COLUMNS + ", " + TimelineEntry.COLUMNS
                + " from import_plan x join cases c on c.id = x.case_id"
                + " left join timeline_events t on t.case_id = c.id left join measures m on m.id = t.measure_id"
                + " where x.touched order by c.id, t.occurred_on, t.id", 2000, rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    if (current[0] == null || !current[0].id().equals(id)) {
                        if (current[0] != null) {
                            emit.run();
                        }
                        current[0] = CaseRecord.map(rs);
                    }
                    if (rs.getObject(14) != null) {
                        timeline.add(TimelineEntry.map(rs, 14));
                    }
                });
        if (current[0] != null) {
            emit.run();
        }
        outbox.flush();
    }
}

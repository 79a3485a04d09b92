package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.caseintake.cases.CaseNumbers;
import dk.gennemsyn.caseintake.imports.ImportFormat.RowError;
import dk.gennemsyn.platform.db.CopyText;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The import's first phases, inside its transaction: the file streamed row by row into a temporary staging table
 * with COPY (memory holds one row and a buffer), then the checks that need the whole file. Hand SQL: COPY and
 * set-based checks are the point.
 */
@Singleton
class ImportStaging {

    static final String STAGE_COLUMNS = "line, case_hash, case_no_enc, case_type, birth_year, age_band, team, "
            + "caseworker_hash, open, kind, occurred_on, occurred_time, measure_name, bl, sel, cost, without_consent, note, row_digest, bad";

    private final TenantTx tenantTx;
    private final CaseNumbers caseNumbers;
    private final ImportJobs jobs;
    private final Clock clock;
    private final long maxRows;

    ImportStaging(TenantTx tenantTx, CaseNumbers caseNumbers, ImportJobs jobs, Clock clock,
                  @Value("${gennemsyn.imports.max-rows:1000000}") long maxRows) {
        this.tenantTx = tenantTx;
        this.caseNumbers = caseNumbers;
        this.jobs = jobs;
        this.clock = clock;
        this.maxRows = maxRows;
    }

    /** Streams the file into the staging table; returns the number of data rows read. */
    int stage(Caller caller, UUID id, Path file, ImportReport report) {
        List<RowError> errors = new ArrayList<>();
        Connection con = tenantTx.connection();
        try (Statement st = con.createStatement()) {
            st.execute("""
                    create temp table import_rows (line bigint, case_hash bytea, case_no_enc bytea, case_type text,
                        birth_year int, age_band text, team text, caseworker_hash bytea, open boolean, kind text,
                        occurred_on date, occurred_time time, measure_name text, bl text, sel text, cost bigint, without_consent boolean,
                        note text, row_digest text, bad boolean) on commit drop""");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long size;
        AtomicLong read = new AtomicLong();
        int rows = 0;
        try (InputStream raw = new CountingStream(Files.newInputStream(file), read)) {
            size = Files.size(file);
            CsvReader csv = ImportFile.open(raw);
            CsvReader.Row header;
            try {
                header = csv.next();
            } catch (CharacterCodingException e) {
                throw ImportFile.notUtf8(1);
            }
            if (header == null) {
                report.add(new Imports.ReportedError(1, null, "Filen har ingen overskriftslinje."));
                return 0;
            }
            ImportFormat format = ImportFormat.header(header.fields(), caller.tenant(), caseNumbers,
                    LocalDate.now(clock).getYear(), errors);
            if (!errors.isEmpty()) {
                report.drain(errors);
                return 0;
            }
            CopyIn copy = con.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy import_rows (" + STAGE_COLUMNS + ") from stdin");
            try {
                StringBuilder buf = new StringBuilder(64 * 1024);
                CsvReader.Row row;
                long line = 1;
                while (true) {
                    try {
                        row = csv.next();
                    } catch (CharacterCodingException e) {
                        throw ImportFile.notUtf8(line + 1);
                    }
                    if (row == null) {
                        break;
                    }
                    line = row.line();
                    if (++rows > maxRows) {
                        throw new CsvReader.LimitException(line, "rækker", "Filen har mere end " + maxRows
                                + " rækker (grænsen for en import). Del udtrækket op, og importér delene hver for sig. "
                                + "Intet er importeret.");
                    }
                    format.stage(row, errors, buf);
                    report.drain(errors);
                    if (report.count > 10 * ImportReport.MAX_REPORTED_ERRORS && report.count > rows / 2) {
                        // A file that is mostly wrong (wrong format, wrong export): stop reading, report what we have.
                        report.add(new Imports.ReportedError(line, null, "Over halvdelen af rækkerne er fejlbehæftede; læsningen "
                                + "er stoppet ved linje " + line + ". Tjek at filen har det rigtige format."));
                        throw new Imports.Rejected(); // rolls back the transaction, COPY included
                    }
                    if (buf.length() > 60 * 1024) {
                        CopyText.send(copy, buf);
                    }
                    if (rows % 5000 == 0) {
                        jobs.progress(caller.tenant(), id, "running", "Læser filen", (int) (60 * read.get() / size), read.get(),
                                rows);
                    }
                }
                CopyText.send(copy, buf);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            if (rows == 0) {
                report.add(new Imports.ReportedError(1, null, "Filen har ingen rækker under overskriften."));
            }
            return rows;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Import staging failed: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that need the whole file. Each finding names a case and a line; the cases concerned are marked bad
     * (skipped in partial mode). The report gets the first findings, the count all of them.
     */
    void fileWideErrors(ImportReport report) {
        // The three checks in one statement: the cases with inconsistent attributes, the repeated events, the
        // measures the catalogue does not have.
        tenantTx.update("""
                create temp table import_problems on commit drop as
                select case_hash, min(line) as line, null::text as col,
                    'Samme sagsnummer har forskellige sagsoplysninger (sagstype, fødselsår, aldersgruppe, team, rådgiver '
                    || 'eller status) på linje ' || string_agg(line::text, ', ' order by line) || '.' as message
                from import_rows where not bad group by case_hash
                having count(distinct (case_type, birth_year, age_band, team, caseworker_hash, open)) > 1
                union all
                select case_hash, max(line), null, 'Linje ' || max(line) || ' gentager linje ' || min(line)
                    || ' (samme sag, hændelse, dato, klokkeslæt og note).'
                from import_rows where not bad and kind is not null
                group by case_hash, kind, occurred_on, occurred_time, coalesce(measure_name, ''), note having count(*) > 1
                union all
                select case_hash, line, 'tilbud', 'Tilbuddet findes ikke i kommunens tilbudsvifte. Opret det først, eller ret navnet.'
                from import_rows r where not bad and measure_name is not null
                and not exists (select 1 from measures m where lower(m.name) = lower(r.measure_name))""");
        long all = tenantTx.query("select count(*) from import_problems", rs -> rs.getLong(1)).get(0);
        int shown = Math.max(0, ImportReport.MAX_REPORTED_ERRORS - report.first.size());
        tenantTx.forEach("select line, col, message from import_problems order by line limit ?", 1000,
                rs -> report.add(new Imports.ReportedError(rs.getLong(1), rs.getString(2), abbreviate(rs.getString(3)))), shown);
        report.count += all - Math.min(all, shown);
        tenantTx.update("update import_rows set bad = true where case_hash in (select case_hash from import_problems)");
    }

    /** Long lists of line numbers are cut short. */
    private static String abbreviate(String message) {
        return message.length() > 300 ? message.substring(0, message.lastIndexOf(',', 300)) + " …" : message;
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}

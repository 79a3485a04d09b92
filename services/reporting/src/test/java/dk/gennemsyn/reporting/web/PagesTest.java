package dk.gennemsyn.reporting.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import dk.gennemsyn.reporting.ReportingTest;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The report pages in Chromium: the overview's rows, a chart that renders, and each export downloaded and read back. */
@MicronautTest(transactional = false)
class PagesTest extends ReportingTest {

    static final String T = "0330";

    Path download(Page page, String link) {
        Download d = page.waitForDownload(() -> page.click(link));
        return d.path();
    }

    @Test
    void theOverviewShowsItsRowsTheSummaryItsChartsAndEveryExportOpens() throws Exception {
        Scenario s = givenScenario(T, 1);
        try (BrowserContext ctx = browser().signedIn(TestTokens.token(T, "projektleder"))) {
            Page page = ctx.newPage();
            page.navigate(url("/reporting/"));
            page.click("#reviews tr:has-text('Sagsgennemgang 2018') >> text=Sagsoversigt");
            assertThat(page.locator("#case-count").textContent()).isEqualTo("6");
            assertThat(page.locator("tr.case-row td.alias").allTextContents())
                    .containsExactly("Sag 1", "Sag 2", "Sag 3", "Sag 4", "Sag 5", "Sag 6");
            // At 1366 px the page itself never scrolls sideways: the table scrolls inside its own frame, with the
            // case column fixed.
            page.setViewportSize(1366, 900);
            assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(1366);
            assertThat(page.locator("#overview-frame").evaluate("e => getComputedStyle(e).overflowX")).isEqualTo("auto");
            assertThat(page.locator("tr.case-row td.alias").first().evaluate("e => getComputedStyle(e).position"))
                    .isEqualTo("sticky");
            assertThat(page.locator("tr.case-row").nth(1).locator("td[data-question=kvalitet]").textContent())
                    .isEqualTo("3 – Tilfredsstillende");
            // Filter: the two over-compensated cases.
            page.selectOption("#f-question", "kompensation");
            page.fill("#f-answer", "overkompensation");
            page.click("button:has-text('Filtrér')");
            assertThat(page.locator("tr.case-row td.alias").allTextContents()).containsExactly("Sag 1", "Sag 4");

            Path xlsx = download(page, "#dl-xlsx");
            try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
                Sheet cases = wb.getSheet("Oversigt");
                assertThat(cases.getPaneInformation().isFreezePane()).isTrue();
                assertThat(cases.getLastRowNum()).isEqualTo(6); // header + 6 cases, whatever the page's filter
                assertThat(cases.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Sag 2");
                var cost = cases.getRow(1).getCell(cases.getRow(0).getLastCellNum() - 1);
                assertThat(cost.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(cost.getNumericCellValue()).isEqualTo(400_000);
                Sheet rules = wb.getSheet("Lovkrav");
                assertThat(rules.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(0.75);
                assertThat(wb.getSheet("Økonomi").getRow(1).getCell(2).getNumericCellValue()).isEqualTo(900_000);
                assertThat(wb.getSheet("Budgetvarsling").getRow(1).getCell(0).getStringCellValue()).isEqualTo("Sag 4");
            }
            Path csv = download(page, "#dl-csv");
            byte[] bytes = Files.readAllBytes(csv);
            assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
            String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
            String[] lines = text.split("\r\n");
            assertThat(lines).hasSize(7);
            assertThat(lines[0]).startsWith("Sag;Sagstype;Faglig kvalitet;Kompensation;Børnesamtale");
            assertThat(lines[1]).startsWith("Sag 1;forebyggende;4 – God;Overkompensation;Ja").endsWith(";400000");
            Path pdf = download(page, "#dl-pdf");
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                String content = new PDFTextStripper().getText(doc);
                assertThat(content).contains("Statusnotat: Sagsgennemgang 2018", "Børnefaglig undersøgelse inden for 4 måneder",
                        "75,0 %", "Tidlig budgetvarsling", "300.000 kr.", "Kommunens udgift pr. foranstaltning");
                assertThat(doc.getNumberOfPages()).isGreaterThan(3);
            }
            Path pptx = download(page, "#dl-pptx");
            try (InputStream in = Files.newInputStream(pptx); XMLSlideShow show = new XMLSlideShow(in)) {
                // A title slide, then one chart per slide: 3 questions, compliance, compensation, severity.
                assertThat(show.getSlides()).hasSize(7);
                assertThat(show.getSlides().get(1).getShapes()).anyMatch(sh -> sh instanceof XSLFPictureShape);
            }

            page.click("nav.subnav >> text=Sammenfatning");
            assertThat(page.locator("tr.answer-row[data-question=kvalitet][data-answer='3'] .count").textContent()).isEqualTo("3");
            assertThat(page.locator("tr.rule-row[data-rule=bfu_4_maaneder] .rate").textContent()).isEqualTo("75,0 %");
            var chart = page.locator("figure.chart img").first();
            chart.scrollIntoViewIfNeeded();
            assertThat((Integer) page.evaluate("() => document.querySelector('figure.chart img').naturalWidth")).isEqualTo(900);
            assertThat(page.locator("figure.chart").count()).isEqualTo(6);

            page.click("nav.subnav >> text=Tidlig budgetvarsling");
            assertThat(page.locator("#budget-date").textContent()).isEqualTo("10-09-2018");
            assertThat(page.locator("#warning-total").textContent()).isEqualTo("300.000 kr.");
        }
    }
}

package dk.gennemsyn.reporting.exports;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import dk.gennemsyn.platform.export.SpreadsheetText;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.reporting.management.Management;
import dk.gennemsyn.reporting.reports.Reports;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The exports, written with well-kept libraries: XLSX (Apache POI: a sheet per section, real numbers, frozen header),
 * CSV for Danish Excel (semicolon, UTF-8 with BOM, decimal comma), the PDF status note (OpenPDF, with the charts) and
 * the slide deck (Apache POI: one chart per slide). Cases appear only by alias.
 *
 * <p>Every text that goes into a spreadsheet cell, headers included (question texts, answer labels and free-text
 * answers, aliases, finding categories are typed by users), passes {@link SpreadsheetText#neutralise} so that no
 * spreadsheet program runs it as a formula; genuine numbers are written as numbers (numeric XLSX cells, numbers this
 * class formats itself in CSV) and are not touched. The PDF and the slide deck hold no formulas: their text is as typed.
 */
public final class Exports {

    private Exports() {
    }

    public static byte[] xlsx(Reports.Summary s, Reports.Overview o, Reports.EarlyWarning w) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle head = wb.createCellStyle();
            org.apache.poi.ss.usermodel.Font bold = wb.createFont();
            bold.setBold(true);
            head.setFont(bold);
            head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            head.setBorderBottom(BorderStyle.THIN);
            CellStyle kr = wb.createCellStyle();
            kr.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            CellStyle pct = wb.createCellStyle();
            pct.setDataFormat(wb.createDataFormat().getFormat("0.0%"));

            List<String> header = new ArrayList<>(List.of("Sag", "Sagstype"));
            o.questions().forEach(q -> header.add(q.text()));
            header.addAll(List.of("Fund", "Alvorligste fund", "Anbefalinger", "Lovkrav opfyldt", "Lovkrav ikke opfyldt",
                    "Uenighed (2. vurdering)", "Validering", "Årlig udgift (kr.)"));
            Sheet cases = sheet(wb, "Oversigt", head, header);
            int r = 1;
            for (Reports.CaseRow c : o.rows()) {
                Row row = cases.createRow(r++);
                int i = 0;
                text(row, i++, c.alias());
                text(row, i++, c.caseType());
                for (Reports.Question q : o.questions()) {
                    String code = c.codes().get(q.question_id());
                    if (q.type().equals("number") && code != null && code.matches("-?\\d+([.,]\\d+)?")) {
                        row.createCell(i++).setCellValue(Double.parseDouble(code.replace(',', '.')));
                    } else {
                        text(row, i++, c.labels().getOrDefault(q.question_id(), ""));
                    }
                }
                row.createCell(i++).setCellValue(c.findings());
                text(row, i++, Reports.SEVERITIES.getOrDefault(c.maxSeverity(), ""));
                text(row, i++, String.join(", ", c.recommendations()));
                row.createCell(i++).setCellValue(c.rulesMet());
                row.createCell(i++).setCellValue(c.rulesNotMet());
                if (c.disagreements() != null) {
                    row.createCell(i).setCellValue(c.disagreements());
                }
                i++;
                text(row, i++, c.validation());
                number(row, i, c.yearlyCostKr(), kr);
            }
            widths(cases, header.size());

            Sheet dist = sheet(wb, "Fordeling", head, List.of("Parameter", "Svar", "Antal sager", "Andel"));
            r = 1;
            for (Reports.QuestionSummary q : s.questions()) {
                for (Reports.AnswerCount a : q.answers()) {
                    Row row = dist.createRow(r++);
                    text(row, 0, q.question().text());
                    text(row, 1, a.label());
                    row.createCell(2).setCellValue(a.count());
                    number(row, 3, a.share(), pct);
                }
            }
            widths(dist, 4);

            Sheet rules = sheet(wb, "Lovkrav", head, List.of("Lovkrav", "Opfyldt", "Ikke opfyldt", "Ikke relevant", "Ukendt", "Andel opfyldt"));
            r = 1;
            for (Reports.RuleRate x : s.rules()) {
                Row row = rules.createRow(r++);
                text(row, 0, x.title());
                row.createCell(1).setCellValue(x.met());
                row.createCell(2).setCellValue(x.notMet());
                row.createCell(3).setCellValue(x.notApplicable());
                row.createCell(4).setCellValue(x.unknown());
                if (x.rate() != null) {
                    number(row, 5, x.rate(), pct);
                }
            }
            widths(rules, 6);

            Sheet cost = sheet(wb, "Økonomi", head, List.of("Kompensation", "Sager", "Årlig udgift (kr.)"));
            r = 1;
            for (Reports.CostLine c : s.compensation()) {
                Row row = cost.createRow(r++);
                text(row, 0, c.label());
                row.createCell(1).setCellValue(c.cases());
                number(row, 2, c.yearlyCostKr(), kr);
            }
            widths(cost, 3);

            Sheet warn = sheet(wb, "Budgetvarsling", head, List.of("Sag", "Fund", "Alvor", "Forventet årligt beløb (kr.)"));
            r = 1;
            for (Reports.WarningLine x : w.findings()) {
                Row row = warn.createRow(r++);
                text(row, 0, x.alias());
                text(row, 1, x.category());
                text(row, 2, Reports.SEVERITIES.getOrDefault(x.severity(), x.severity()));
                number(row, 3, x.expectedYearlyKr(), kr);
            }
            widths(warn, 4);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Sheet sheet(XSSFWorkbook wb, String name, CellStyle head, List<String> header) {
        Sheet sh = wb.createSheet(name);
        Row row = sh.createRow(0);
        for (int i = 0; i < header.size(); i++) {
            Cell c = row.createCell(i);
            c.setCellValue(SpreadsheetText.neutralise(header.get(i)));
            c.setCellStyle(head);
        }
        sh.createFreezePane(0, 1);
        return sh;
    }

    /** A text cell: never a formula, whatever the user typed. */
    private static void text(Row row, int i, String v) {
        row.createCell(i).setCellValue(SpreadsheetText.neutralise(v));
    }

    private static void number(Row row, int i, double v, CellStyle style) {
        Cell c = row.createCell(i);
        c.setCellValue(v);
        c.setCellStyle(style);
    }

    private static void widths(Sheet sh, int columns) {
        for (int i = 0; i < columns; i++) {
            sh.setColumnWidth(i, 22 * 256);
        }
    }

    /**
     * One line per case; Danish Excel: semicolons, UTF-8 with a BOM, decimal commas, CRLF, RFC 4180 quoting. A cell is
     * either a {@link Number} (written as a number, "-3" included) or text (neutralised, then quoted where needed).
     */
    public static byte[] csv(Reports.Overview o) {
        StringBuilder out = new StringBuilder("\uFEFF");
        List<Object> header = new ArrayList<>(List.of("Sag", "Sagstype"));
        o.questions().forEach(q -> header.add(q.text()));
        header.addAll(List.of("Fund", "Anbefalinger", "Lovkrav opfyldt", "Lovkrav ikke opfyldt", "Validering",
                "Årlig udgift (kr.)"));
        DecimalFormat number = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("da-DK")));
        line(out, header, number);
        for (Reports.CaseRow c : o.rows()) {
            List<Object> cells = new ArrayList<>(List.of(nonNull(c.alias()), nonNull(c.caseType())));
            for (Reports.Question q : o.questions()) {
                String code = c.codes().get(q.question_id());
                cells.add(q.type().equals("number") && code != null && code.matches("-?\\d+([.,]\\d+)?")
                        ? (Object) Double.parseDouble(code.replace(',', '.')) : c.labels().getOrDefault(q.question_id(), ""));
            }
            cells.addAll(List.of(c.findings(), String.join(", ", c.recommendations()), c.rulesMet(), c.rulesNotMet(),
                    nonNull(c.validation()), c.yearlyCostKr()));
            line(out, cells, number);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static void line(StringBuilder out, List<Object> cells, DecimalFormat number) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(';');
            }
            Object cell = cells.get(i);
            if (cell instanceof Number n) {
                out.append(number.format(n));
                continue;
            }
            String v = SpreadsheetText.neutralise(cell == null ? null : cell.toString());
            if (v.contains(";") || v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                v = "\"" + v.replace("\"", "\"\"") + "\"";
            }
            out.append(v);
        }
        out.append("\r\n");
    }

    /** The status note ("statusnotat"): the summary's figures and charts, and the budget early warning. */
    /**
     * The status note. Its economy is the summary page's (cost by compensation of the assessed cases) and the
     * municipality's cost per measure from the cost page ({@link Management}): one source for page and paper.
     */
    public static byte[] pdf(Reports.Summary s, Reports.EarlyWarning w, Management.Costs costs, List<Charts.Chart> charts,
                             LocalDate today) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 50, 50, 50, 50);
        PdfWriter.getInstance(doc, out);
        doc.addTitle("Statusnotat: " + s.review().title());
        doc.addCreator("Gennemsyn");
        doc.open();
        Font h1 = new Font(Font.HELVETICA, 18, Font.BOLD);
        Font h2 = new Font(Font.HELVETICA, 13, Font.BOLD);
        Font body = new Font(Font.HELVETICA, 10);
        doc.add(new Paragraph("Statusnotat: " + s.review().title(), h1));
        doc.add(new Paragraph("Udarbejdet " + DanishFormat.INSTANCE.date(today) + " af Gennemsyn. " + s.assessed()
                + " af " + s.cases() + " udvalgte sager er vurderet. Sager nævnes kun ved deres alias.", body));
        doc.add(Chunk.NEWLINE);
        doc.add(new Paragraph("Lovkrav", h2));
        PdfPTable rules = table(new float[]{5, 1, 1, 1.4f}, body, "Lovkrav", "Opfyldt", "Ikke opfyldt", "Andel");
        for (Reports.RuleRate r : s.rules()) {
            cells(rules, body, r.title(), String.valueOf(r.met()), String.valueOf(r.notMet()), percent(r.rate()));
        }
        doc.add(rules);
        doc.add(new Paragraph("Økonomi: årlig udgift efter kompensation", h2));
        if (s.assessed() == 0 || s.compensation().isEmpty()) {
            doc.add(new Paragraph("Ingen af gennemgangens sager er vurderet endnu: udgiften efter kompensation opgøres, "
                    + "når vurderingerne er indsendt.", body));
        } else {
            PdfPTable cost = table(new float[]{3, 1, 2}, body, "Kompensation", "Sager", "Årlig udgift");
            for (Reports.CostLine c : s.compensation()) {
                cells(cost, body, c.label(), String.valueOf(c.cases()), kr(c.yearlyCostKr()));
            }
            doc.add(cost);
        }
        doc.add(new Paragraph("Kommunens udgift pr. foranstaltning (kørende, pr. år)", h2));
        if (costs.byMeasure().isEmpty()) {
            doc.add(new Paragraph("Ingen kørende foranstaltninger på sagernes tidslinjer.", body));
        } else {
            PdfPTable measures = table(new float[]{3, 1, 2, 2}, body, "Foranstaltning", "Kørende", "I alt",
                    "Gennemsnit");
            for (Management.CostLine c : costs.byMeasure()) {
                cells(measures, body, c.label(), String.valueOf(c.measures()), kr(c.totalKr()),
                        c.averageKr() == null ? "–" : kr(c.averageKr()));
            }
            doc.add(measures);
            doc.add(new Paragraph("Udgift pr. anbringelse pr. år: " + (costs.costPerPlacementKr() == null ? "–"
                    : kr(costs.costPerPlacementKr())) + (costs.placementsWithoutCost() == 0 ? "" : " ("
                    + costs.placementsWithoutCost() + " åbne anbringelser uden udgift er ikke regnet med)."), body));
        }
        doc.add(new Paragraph("Tidlig budgetvarsling" + (w.review().budgetWarningOn() == null ? ""
                : " (frist " + DanishFormat.INSTANCE.date(w.review().budgetWarningOn()) + ")"), h2));
        PdfPTable warn = table(new float[]{1, 3, 1.3f, 2}, body, "Sag", "Fund", "Alvor", "Forventet årligt");
        for (Reports.WarningLine x : w.findings()) {
            cells(warn, body, x.alias(), x.category(), Reports.SEVERITIES.getOrDefault(x.severity(), x.severity()),
                    kr(x.expectedYearlyKr()));
        }
        cells(warn, new Font(Font.HELVETICA, 10, Font.BOLD), "I alt", "", "", kr(w.totalKr()));
        doc.add(warn);
        for (Charts.Chart c : charts) {
            doc.newPage();
            doc.add(new Paragraph(c.title(), h2));
            try {
                Image img = Image.getInstance(c.png());
                img.scaleToFit(doc.getPageSize().getWidth() - 100, 400);
                img.setAlignment(Element.ALIGN_CENTER);
                doc.add(img);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        doc.close();
        return out.toByteArray();
    }

    private static PdfPTable table(float[] widths, Font font, String... header) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setSpacingBefore(6);
        t.setSpacingAfter(12);
        t.setHeaderRows(1);
        Font bold = new Font(font.getFamily(), font.getSize(), Font.BOLD);
        for (String h : header) {
            PdfPCell c = new PdfPCell(new Phrase(h, bold));
            c.setGrayFill(0.9f);
            t.addCell(c);
        }
        return t;
    }

    private static void cells(PdfPTable t, Font font, String... values) {
        for (String v : values) {
            t.addCell(new PdfPCell(new Phrase(v, font)));
        }
    }

    static String percent(Double rate) {
        return rate == null ? "–" : new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("da-DK")))
                .format(rate * 100) + " %";
    }

    static String kr(long amount) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("da-DK"))).format(amount) + " kr.";
    }

    /** The slide deck ("planchesæt"): a title slide, then one chart per slide. */
    public static byte[] pptx(Reports.Summary s, List<Charts.Chart> charts, LocalDate today) {
        try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            show.setPageSize(new java.awt.Dimension(960, 540));
            XSLFSlide first = show.createSlide();
            title(first, s.review().title(), 48, 150, 32);
            title(first, "Sagsgennemgang · " + s.assessed() + " vurderede sager · " + DanishFormat.INSTANCE.date(today),
                    48, 230, 18);
            for (Charts.Chart c : charts) {
                XSLFSlide slide = show.createSlide();
                title(slide, c.title(), 40, 20, 24);
                XSLFPictureData data = show.addPicture(c.png(), PictureData.PictureType.PNG);
                XSLFPictureShape pic = slide.createPicture(data);
                pic.setAnchor(new Rectangle(60, 80, 840, 392));
            }
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void title(XSLFSlide slide, String text, int x, int y, double size) {
        XSLFTextBox box = slide.createTextBox();
        box.setAnchor(new Rectangle(x, y, 880, 60));
        var run = box.addNewTextParagraph().addNewTextRun();
        run.setText(text);
        run.setFontSize(size);
    }
}

package dk.gennemsyn.platform.web;

import com.microsoft.playwright.Page;
import dk.gennemsyn.testsupport.Accessibility;
import dk.gennemsyn.testsupport.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker the page crawl relies on finds what it should: an unlabelled field, an image without text. */
class AccessibilityCheckTest {

    @Test
    void axeFindsTheViolationsOfABadPageAndNoneOfAGoodOne() {
        try (Browser browser = Browser.start(); var context = browser.auditContext()) {
            Page page = context.newPage();
            page.setContent("<!doctype html><html lang=\"da\"><head><title>Dårlig</title></head><body><main>"
                    + "<h1>Side</h1><input name=\"beloeb\"><img src=\"data:image/png;base64,iVBORw0KGgo=\"></main></body></html>");
            assertThat(Accessibility.violations(page)).anyMatch(v -> v.startsWith("label "))
                    .anyMatch(v -> v.startsWith("image-alt "));
            page.setContent("<!doctype html><html lang=\"da\"><head><title>God</title></head><body><main>"
                    + "<h1>Side</h1><label for=\"b\">Beløb</label><input id=\"b\" name=\"beloeb\">"
                    + "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"Logo\"></main></body></html>");
            assertThat(Accessibility.violations(page)).isEmpty();
        }
    }
}

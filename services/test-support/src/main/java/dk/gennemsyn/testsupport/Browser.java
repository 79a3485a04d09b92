package dk.gennemsyn.testsupport;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Debian's Chromium, driven by Playwright (no browser download). Fails, never skips, if it is missing. */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GENNEMSYN_CHROMIUM", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("No Chromium at " + CHROMIUM + ": run ./dev.sh test (installs it)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    public static Browser start() {
        return new Browser();
    }

    public BrowserContext newContext() {
        return browser.newContext(new NewContextOptions().setLocale("da-DK"));
    }

    /**
     * A context that lets a test inject its own script (axe-core) into the pages: the pages' Content-Security-Policy
     * allows only the service's own scripts, rightly, so only the test's context bypasses it.
     */
    public BrowserContext auditContext() {
        return browser.newContext(new NewContextOptions().setLocale("da-DK").setBypassCSP(true));
    }

    /** A context signed in with this token (the sign-in cookie on localhost), as after the one sign-in. */
    public BrowserContext signedIn(String token) {
        return signedIn(token, "localhost");
    }

    /** The same on another host name (the system tests' origin is 127.0.0.1). */
    public BrowserContext signedIn(String token, String host) {
        BrowserContext context = newContext();
        context.addCookies(java.util.List.of(new com.microsoft.playwright.options.Cookie("gennemsyn_token", token)
                .setDomain(host).setPath("/")));
        return context;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}

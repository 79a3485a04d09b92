package dk.gennemsyn.reporting;

import io.micronaut.runtime.Micronaut;

/** reporting: read models built from events: overviews, summaries, compliance, cost, exports. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

package dk.gennemsyn.reporting;

import dk.gennemsyn.platform.ServiceMain;

/** reporting: read models built from events: overviews, summaries, compliance, cost, exports. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ServiceMain.run(Application.class, args);
    }
}

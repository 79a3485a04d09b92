package dk.gennemsyn.recommendations;

import dk.gennemsyn.platform.ServiceMain;

/** recommendations: recommendations, hearings, decisions, focus areas, action plans, follow-up. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ServiceMain.run(Application.class, args);
    }
}

package dk.gennemsyn.recommendations;

import io.micronaut.runtime.Micronaut;

/** recommendations: recommendations, hearings, decisions, focus areas, action plans, follow-up. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

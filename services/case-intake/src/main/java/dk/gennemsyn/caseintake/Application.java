package dk.gennemsyn.caseintake;

import io.micronaut.runtime.Micronaut;

/** case-intake: reviews, pseudonymised cases and their timelines, import and sampling. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

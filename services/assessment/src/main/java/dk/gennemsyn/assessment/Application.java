package dk.gennemsyn.assessment;

import io.micronaut.runtime.Micronaut;

/** assessment: instruments, legal screening, assessments, second review, validation, findings. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

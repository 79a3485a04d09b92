package dk.gennemsyn.assessment;

import dk.gennemsyn.platform.ServiceMain;

/** assessment: instruments, legal screening, assessments, second review, validation, findings. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ServiceMain.run(Application.class, args);
    }
}

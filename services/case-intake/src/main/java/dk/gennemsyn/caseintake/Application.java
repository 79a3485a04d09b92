package dk.gennemsyn.caseintake;

import dk.gennemsyn.platform.ServiceMain;

/** case-intake: reviews, pseudonymised cases and their timelines, import and sampling. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ServiceMain.run(Application.class, args);
    }
}

package dk.gennemsyn.notifications;

import io.micronaut.runtime.Micronaut;

/** notifications: turns events into e-mails, in-app messages, reminders and escalations. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}

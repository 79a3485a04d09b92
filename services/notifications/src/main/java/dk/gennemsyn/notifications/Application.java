package dk.gennemsyn.notifications;

import dk.gennemsyn.platform.ServiceMain;

/** notifications: turns events into e-mails, in-app messages, reminders and escalations. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ServiceMain.run(Application.class, args);
    }
}

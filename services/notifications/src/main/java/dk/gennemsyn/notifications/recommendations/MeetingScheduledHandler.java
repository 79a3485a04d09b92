package dk.gennemsyn.notifications.recommendations;

import dk.gennemsyn.notifications.calendar.Invitations;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.recommendations.v1.MeetingScheduled;
import jakarta.inject.Singleton;

/** A follow-up meeting is a calendar invitation to its participants. */
@Singleton
class MeetingScheduledHandler implements EventHandler<MeetingScheduled> {

    private final Invitations invitations;

    MeetingScheduledHandler(Invitations invitations) {
        this.invitations = invitations;
    }

    @Override
    public Class<MeetingScheduled> eventType() {
        return MeetingScheduled.class;
    }

    @Override
    public void handle(EventContext context, MeetingScheduled e) {
        invitations.followUp(context.tenant(), e);
    }
}

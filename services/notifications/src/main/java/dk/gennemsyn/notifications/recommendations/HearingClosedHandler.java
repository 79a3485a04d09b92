package dk.gennemsyn.notifications.recommendations;

import dk.gennemsyn.notifications.deadlines.Deadlines;
import dk.gennemsyn.notifications.messages.Notifier;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.recommendations.v1.HearingClosed;
import jakarta.inject.Singleton;

import java.util.Map;

/** The round is over: its deadline is met. */
@Singleton
class HearingClosedHandler implements EventHandler<HearingClosed> {

    private final Deadlines deadlines;
    private final Notifier notifier;

    HearingClosedHandler(Deadlines deadlines, Notifier notifier) {
        this.deadlines = deadlines;
        this.notifier = notifier;
    }

    @Override
    public Class<HearingClosed> eventType() {
        return HearingClosed.class;
    }

    @Override
    public void handle(EventContext context, HearingClosed e) {
        deadlines.closeOne("hearing:" + e.getHearingId());
        notifier.notify(context.tenant(), Notifier.of(context, e, Map.of()));
    }
}

package dk.gennemsyn.notifications.recommendations;

import dk.gennemsyn.notifications.deadlines.Deadlines;
import dk.gennemsyn.notifications.messages.Notifier;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.recommendations.v1.HearingResponseReceived;
import jakarta.inject.Singleton;

import java.util.Map;

/** Whoever answered is not reminded of the hearing's deadline any more. */
@Singleton
class HearingResponseReceivedHandler implements EventHandler<HearingResponseReceived> {

    private final Deadlines deadlines;
    private final Notifier notifier;

    HearingResponseReceivedHandler(Deadlines deadlines, Notifier notifier) {
        this.deadlines = deadlines;
        this.notifier = notifier;
    }

    @Override
    public Class<HearingResponseReceived> eventType() {
        return HearingResponseReceived.class;
    }

    @Override
    public void handle(EventContext context, HearingResponseReceived e) {
        deadlines.release("hearing:" + e.getHearingId(), e.getRespondent());
        notifier.notify(context.tenant(), Notifier.of(context, e, Map.of()));
    }
}

package dk.gennemsyn.notifications.recommendations;

import dk.gennemsyn.notifications.deadlines.Deadlines;
import dk.gennemsyn.notifications.messages.Notifier;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.recommendations.v1.HearingOpened;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** The respondents are told, and the closing day becomes a deadline they are reminded of until they answer. */
@Singleton
class HearingOpenedHandler implements EventHandler<HearingOpened> {

    private final Deadlines deadlines;
    private final Notifier notifier;

    HearingOpenedHandler(Deadlines deadlines, Notifier notifier) {
        this.deadlines = deadlines;
        this.notifier = notifier;
    }

    @Override
    public Class<HearingOpened> eventType() {
        return HearingOpened.class;
    }

    @Override
    public void handle(EventContext context, HearingOpened e) {
        deadlines.upsert(context.tenant(), "hearing:" + e.getHearingId(), UUID.fromString(e.getReviewId()), "hearing_closes",
                e.getTitle(), LocalDate.parse(e.getClosesOn()), e.getRespondentsList());
        notifier.notify(context.tenant(), Notifier.of(context, e, Map.of()));
    }
}

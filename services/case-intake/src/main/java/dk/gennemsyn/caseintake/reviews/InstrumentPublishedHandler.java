package dk.gennemsyn.caseintake.reviews;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.InstrumentPublished;
import jakarta.inject.Singleton;

/** Keeps the instruments assessment offers, so a review's instrument is chosen from a list. */
@Singleton
class InstrumentPublishedHandler implements EventHandler<InstrumentPublished> {

    private final InstrumentRows instruments;

    InstrumentPublishedHandler(InstrumentRows instruments) {
        this.instruments = instruments;
    }

    @Override
    public Class<InstrumentPublished> eventType() {
        return InstrumentPublished.class;
    }

    @Override
    public void handle(EventContext context, InstrumentPublished event) {
        // In the consumer's transaction, bound to the event's tenant.
        instruments.offer(event.getInstrumentId(), context.tenant(), event.getName(), event.getVersion());
    }
}

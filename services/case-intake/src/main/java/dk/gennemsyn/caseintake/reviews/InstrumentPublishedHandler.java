package dk.gennemsyn.caseintake.reviews;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.InstrumentPublished;
import jakarta.inject.Singleton;

/** Keeps the instruments assessment offers, so a review's instrument is chosen from a list. */
@Singleton
class InstrumentPublishedHandler implements EventHandler<InstrumentPublished> {

    private final TenantTx tenantTx;

    InstrumentPublishedHandler(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    @Override
    public Class<InstrumentPublished> eventType() {
        return InstrumentPublished.class;
    }

    @Override
    public void handle(EventContext context, InstrumentPublished event) {
        tenantTx.update("""
                insert into instruments (instrument_id, tenant, name, version) values (?, ?, ?, ?)
                on conflict (instrument_id) do nothing""",
                event.getInstrumentId(), context.tenant(), event.getName(), event.getVersion());
    }
}

package dk.gennemsyn.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What the consumer workers count; shared by the workers of a service. */
record ConsumerMeters(Counter handled, Counter duplicates, Counter failed, Counter rejected, Counter waited) {
    static ConsumerMeters register(MeterRegistry metrics) {
        return new ConsumerMeters(
                Counter.builder("gennemsyn.events.handled").register(metrics),
                Counter.builder("gennemsyn.events.duplicates")
                        .description("Deliveries of events already handled (skipped)").register(metrics),
                Counter.builder("gennemsyn.events.failed")
                        .description("Handler attempts that failed and were requeued (dead-lettered at the delivery limit)")
                        .register(metrics),
                Counter.builder("gennemsyn.events.rejected")
                        .description("Messages that can never be handled, dead-lettered at once").register(metrics),
                Counter.builder("gennemsyn.events.database_waits")
                        .description("Times a worker kept its deliveries and waited for an unavailable database")
                        .register(metrics));
    }
}

package dk.gennemsyn.testsupport;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

/**
 * The signal that a service's consumer has finished the deliveries a test sent (handled, skipped as a duplicate, or
 * dead-lettered), from its own counters: a test that must show "nothing else happened" waits for this instead of
 * sleeping and hoping the copies had arrived. Take it before publishing; await the number of deliveries after.
 */
public final class Deliveries {

    private static final String[] FINISHED = {"gennemsyn.events.handled", "gennemsyn.events.duplicates",
            "gennemsyn.events.rejected"};

    private final MeterRegistry meters;
    private final double start;

    private Deliveries(MeterRegistry meters) {
        this.meters = meters;
        this.start = finished(meters);
    }

    /** Counts from now. */
    public static Deliveries from(MeterRegistry meters) {
        return new Deliveries(meters);
    }

    /** Waits until {@code n} more deliveries were finished. */
    public void await(int n, String what) {
        Eventually.await(Duration.ofSeconds(15), what + " (" + n + " deliveries finished)",
                () -> finished(meters) - start >= n);
    }

    private static double finished(MeterRegistry meters) {
        double sum = 0;
        for (String name : FINISHED) {
            sum += meters.counter(name).count();
        }
        return sum;
    }
}

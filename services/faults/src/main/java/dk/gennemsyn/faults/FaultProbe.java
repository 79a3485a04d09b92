package dk.gennemsyn.faults;

import io.micronaut.runtime.Micronaut;

/**
 * One process of the fault suite: a service built from nothing but the platform (outbox, relay, consumer, inbox),
 * producing probe events ({@link Producer}) or applying them ({@link AppliedHandler}), configured by system
 * properties from {@link FaultSuite}, which starts, kills and restarts it.
 */
public final class FaultProbe {

    private FaultProbe() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(FaultProbe.class).start();
    }
}

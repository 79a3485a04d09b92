package dk.gennemsyn.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something asynchronous (an event relayed and consumed) with a deadline, polling. */
public final class Eventually {

    private Eventually() {
    }

    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what);
            }
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
    }
}

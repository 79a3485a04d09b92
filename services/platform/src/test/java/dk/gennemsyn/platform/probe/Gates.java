package dk.gennemsyn.platform.probe;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Gates a test opens: a request to {@code /probes/held/{gate}} stays in flight until then (at most 30 s). */
public final class Gates {

    private static final ConcurrentHashMap<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private Gates() {
    }

    public static void open(String gate) {
        latch(gate).countDown();
    }

    static void await(String gate) throws InterruptedException {
        latch(gate).await(30, TimeUnit.SECONDS);
    }

    private static CountDownLatch latch(String gate) {
        return GATES.computeIfAbsent(gate, g -> new CountDownLatch(1));
    }
}

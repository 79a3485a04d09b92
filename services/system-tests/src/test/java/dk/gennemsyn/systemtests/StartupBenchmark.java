package dk.gennemsyn.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up of the services as processes, with and without an application class-data sharing (AppCDS) archive, side
 * by side: the five started together until all five answer ready, and each one restarted alone (SIGTERM, then
 * started) until it answers ready. The archives are made first by a training run
 * ({@code -XX:ArchiveClassesAtExit}: the classes a started and stopped service loaded), one per service, in
 * {@code services/<service>/target/<service>.jsa}. Plain and CDS starts alternate, {@code runs} times each.
 *
 * <p>Run with {@code ./dev.sh bench startup [runs=5]}.
 */
public final class StartupBenchmark {

    private static final List<String> JVM = RunningSystem.podJvm();

    public static void main(String[] args) throws Exception {
        int runs = 5;
        for (String a : args) {
            if (a.startsWith("runs=")) {
                runs = Integer.parseInt(a.substring(5));
            } else {
                throw new IllegalArgumentException("unknown argument " + a + " (runs=N)");
            }
        }
        String archive = Path.of("..", "{service}", "target", "{service}.jsa").toAbsolutePath().normalize().toString();
        List<String> training = new ArrayList<>(JVM);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        try (RunningSystem system = new RunningSystem(training)) {
            System.out.printf("Startup: training run ready in %.1f s%n", system.startupSeconds);
        }
        for (String service : RunningSystem.SERVICES.keySet()) {
            Path jsa = Path.of(archive.replace("{service}", service));
            if (!Files.exists(jsa)) {
                throw new IllegalStateException("no archive " + jsa + " after the training run");
            }
            System.out.printf("Startup: %s archive %d MiB%n", service, Files.size(jsa) >> 20);
        }
        List<String> withCds = new ArrayList<>(JVM);
        withCds.add("-XX:SharedArchiveFile=" + archive);
        List<Double> together = new ArrayList<>();
        List<Double> togetherCds = new ArrayList<>();
        List<Double> alone = new ArrayList<>();
        List<Double> aloneCds = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (boolean cds : new boolean[] {false, true}) {
                try (RunningSystem system = new RunningSystem(cds ? withCds : JVM)) {
                    List<Double> restarts = new ArrayList<>();
                    for (String service : RunningSystem.SERVICES.keySet()) {
                        restarts.add(system.restart(service));
                    }
                    System.out.printf("Run %d %s: five together ready in %.1f s; each alone %s s%n", run,
                            cds ? "with CDS" : "plain   ", system.startupSeconds, restarts.stream()
                                    .map(d -> String.format("%.1f", d)).toList());
                    (cds ? togetherCds : together).add(system.startupSeconds);
                    (cds ? aloneCds : alone).addAll(restarts);
                }
            }
        }
        System.out.printf("startup plain:    five together %s s; one alone %s s%n", spread(together), spread(alone));
        System.out.printf("startup with CDS: five together %s s; one alone %s s%n", spread(togetherCds), spread(aloneCds));
        System.exit(0);
    }

    private static String spread(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return String.format("%.1f / median %.1f / %.1f", sorted.get(0), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }
}

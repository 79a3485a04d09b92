package dk.gennemsyn.platform.ops;

import dk.gennemsyn.platform.events.RabbitBroker;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** Readiness includes the broker: a service that cannot publish or consume should not get traffic. */
@Singleton
@Readiness
@Requires(beans = HealthEndpoint.class)
public class RabbitHealthIndicator implements HealthIndicator {

    private final RabbitBroker broker;

    public RabbitHealthIndicator(RabbitBroker broker) {
        this.broker = broker;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean up;
        try {
            up = broker.connection().isOpen();
        } catch (Exception e) {
            up = false;
        }
        return Publishers.just(HealthResult.builder("rabbitmq", up ? HealthStatus.UP : HealthStatus.DOWN).build());
    }
}

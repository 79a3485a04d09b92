package dk.gennemsyn.platform.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class PlatformBeans {

    /** One clock for the platform, so tests can move time (access windows, deadlines). */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}

package dk.gennemsyn.platform.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Clock;

/**
 * Checked before every other rule on every request: an authenticated caller outside their access window
 * (external reviewers' time-limited access) is refused (403), whatever the endpoint allows.
 */
@Singleton
public class AccessWindowRule implements SecurityRule<HttpRequest<?>> {

    public static final int ORDER = -1000;

    private final Clock clock;

    public AccessWindowRule(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        if (authentication != null && !Caller.of(authentication).withinAccessWindow(clock.instant())) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        return Publishers.just(SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

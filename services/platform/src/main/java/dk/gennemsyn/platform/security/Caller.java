package dk.gennemsyn.platform.security;

import io.micronaut.security.authentication.Authentication;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling, as established by a verified token. The tenant here is the only tenant a request
 * may act in: it is never taken from a header, cookie or parameter.
 */
public record Caller(String userId, String name, String tenant, List<String> roles,
                     Optional<Instant> accessFrom, Optional<Instant> accessTo) {

    public static final String TENANT = "tenant";
    public static final String NAME = "name";
    public static final String ACCESS_FROM = "access_from";
    public static final String ACCESS_TO = "access_to";

    public static Caller of(Authentication authentication) {
        var attrs = authentication.getAttributes();
        String tenant = (String) attrs.get(TENANT);
        return new Caller(
                authentication.getName(),
                (String) attrs.getOrDefault(NAME, authentication.getName()),
                Tenants.requireValid(tenant),
                List.copyOf(authentication.getRoles()),
                instant(attrs.get(ACCESS_FROM)),
                instant(attrs.get(ACCESS_TO)));
    }

    public boolean hasAnyRole(Collection<String> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** External reviewers carry an access window; outside it they may do nothing. */
    public boolean withinAccessWindow(Instant now) {
        return accessFrom.map(from -> !now.isBefore(from)).orElse(true)
                && accessTo.map(now::isBefore).orElse(true);
    }

    private static Optional<Instant> instant(Object epochSeconds) {
        return epochSeconds instanceof Number n ? Optional.of(Instant.ofEpochSecond(n.longValue())) : Optional.empty();
    }
}

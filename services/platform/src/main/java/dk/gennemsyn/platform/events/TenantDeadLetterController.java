package dk.gennemsyn.platform.events;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.util.List;

/**
 * The municipality's administrator reads its own dead-lettered events with their content (the operator sees only
 * their metadata): what did not arrive in this service, and why.
 */
@Controller("/api/dead-letters")
@Secured(Roles.TENANT_ADMIN)
class TenantDeadLetterController {

    /** How deep the queue is searched for the municipality's messages. */
    static final int SCAN = 5_000;

    @Serdeable
    record Listing(int shown, List<DeadLetters.WithPayload> messages) {
    }

    private final DeadLetters deadLetters;

    TenantDeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Get
    Listing list(@QueryValue(defaultValue = "50") int limit, Authentication auth) throws IOException {
        List<DeadLetters.WithPayload> mine = deadLetters.listForTenant(Caller.of(auth).tenant(),
                Math.max(1, Math.min(limit, 500)), SCAN);
        return new Listing(mine.size(), mine);
    }
}

package dk.gennemsyn.platform.events;

import dk.gennemsyn.platform.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Operators list and replay this service's dead-lettered events. */
@Controller("/admin/dead-letters")
@Secured(Roles.OPERATOR)
class DeadLetterController {

    @Serdeable
    record Listing(long depth, List<DeadLetters.DeadLetter> messages) {
    }

    @Serdeable
    record Replayed(int replayed) {
    }

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Get
    Listing list(@QueryValue(defaultValue = "50") int limit) throws IOException {
        return new Listing(deadLetters.depth(), deadLetters.list(Math.max(1, Math.min(limit, 500))));
    }

    /** Replays one event ({@code eventId}) or, without it, all of them. */
    @Post("/replay")
    Replayed replay(@QueryValue Optional<String> eventId) throws IOException {
        return new Replayed(deadLetters.replay(eventId));
    }
}

package dk.gennemsyn.platform.security;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.platform.v1.SessionEnded;
import jakarta.inject.Singleton;

import java.time.Instant;

/** A user signed out in some service: this service refuses the token too (see {@link EndedSessions}). */
@Singleton
class SessionEndedHandler implements EventHandler<SessionEnded> {

    private final EndedSessions endedSessions;

    SessionEndedHandler(EndedSessions endedSessions) {
        this.endedSessions = endedSessions;
    }

    @Override
    public Class<SessionEnded> eventType() {
        return SessionEnded.class;
    }

    @Override
    public void handle(EventContext context, SessionEnded event) {
        endedSessions.record(event.getTokenId(),
                Instant.ofEpochSecond(event.getExpiresAt().getSeconds(), event.getExpiresAt().getNanos()));
    }
}

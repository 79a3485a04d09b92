package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.security.Caller;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
class NotificationPages {

    private final ReceivedEvents received;

    NotificationPages(ReceivedEvents received) {
        this.received = received;
    }

    @Get
    @io.swagger.v3.oas.annotations.Hidden
    @Produces(MediaType.TEXT_HTML)
    @View("notifications/home")
    Map<String, Object> home(Authentication auth) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Beskeder");
        model.put("events", received.latest(Caller.of(auth).tenant(), 50));
        return model;
    }

    @Get("/api/received-events")
    List<ReceivedEvents.Received> api(Authentication auth) {
        return received.latest(Caller.of(auth).tenant(), 200);
    }
}

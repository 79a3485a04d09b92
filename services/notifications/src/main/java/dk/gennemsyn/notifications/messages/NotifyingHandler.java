package dk.gennemsyn.notifications.messages;

import com.google.protobuf.Message;
import dk.gennemsyn.notifications.rules.Triggers;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.platform.events.MultiEventHandler;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every event in the {@link Triggers} catalogue that needs nothing but messages: its rules decide who hears of it.
 * Events this service also keeps state from have their own handler, which notifies as well.
 */
@Singleton
class NotifyingHandler implements MultiEventHandler {

    private final Notifier notifier;
    private final List<Class<? extends Message>> types;

    NotifyingHandler(Notifier notifier, List<EventHandler<?>> dedicated) {
        this.notifier = notifier;
        Set<Class<?>> taken = dedicated.stream().map(EventHandler::eventType).collect(Collectors.toSet());
        this.types = Triggers.eventTypes().stream().filter(t -> !taken.contains(t)).toList();
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return types;
    }

    @Override
    public void handle(EventContext context, Message event) {
        notifier.notify(context.tenant(), Notifier.of(context, event, Map.of()));
    }
}

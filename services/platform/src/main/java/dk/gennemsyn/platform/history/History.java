package dk.gennemsyn.platform.history;

import dk.gennemsyn.platform.security.Caller;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who changed what, when, on the objects staff edit after creating them. Each edit compares the values as the page
 * shows them (Danish labels, dates and numbers), so the history reads like the form.
 */
@Singleton
public class History {

    /** A change as the page shows it, with the person's name. */
    @Serdeable
    public record Entry(String field, String before, String after, String changedBy, String changedByName,
                        Instant changedAt) {
    }

    private final Changes changes;
    private final Clock clock;

    History(Changes changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    /** An object's shown values by label, in the form's order. */
    public static Map<String, String> values(Object... labelValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < labelValue.length; i += 2) {
            Object v = labelValue[i + 1];
            m.put((String) labelValue[i], v == null ? "" : v.toString());
        }
        return m;
    }

    /** Inside the edit's tenant transaction: one row per field whose shown value differs. */
    public void record(Caller caller, UUID object, Map<String, String> before, Map<String, String> after) {
        Instant now = clock.instant();
        for (var e : after.entrySet()) {
            String old = before.getOrDefault(e.getKey(), "");
            if (!Objects.equals(old, e.getValue())) {
                changes.save(new Change(UUID.randomUUID(), caller.tenant(), object, e.getKey(), old, e.getValue(),
                        caller.userId(), now));
            }
        }
    }

    /** Inside a tenant transaction: an object's changes, newest first, with each person's name from {@code names}. */
    public List<Entry> of(UUID object, Function<String, String> names) {
        return changes.findByObjectIdOrderByChangedAtDesc(object).stream()
                .map(c -> new Entry(c.field(), c.oldValue(), c.newValue(), c.changedBy(), names.apply(c.changedBy()),
                        c.changedAt()))
                .toList();
    }
}

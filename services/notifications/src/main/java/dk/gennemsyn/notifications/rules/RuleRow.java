package dk.gennemsyn.notifications.rules;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.util.List;
import java.util.UUID;

/** A rule as stored; {@code version} (1 when added) is its ETag and refuses a stale change. */
@MappedEntity("rules")
record RuleRow(@Id UUID id, String tenant, String trigger, @TypeDef(type = DataType.STRING_ARRAY) String[] recipients,
               String channel, boolean urgent, @Nullable Integer offsetDays, boolean enabled, long version) {

    Rules.Rule view() {
        return new Rules.Rule(id, trigger, Triggers.find(trigger).map(Triggers.Trigger::label).orElse(trigger),
                List.of(recipients), channel, urgent, offsetDays, enabled, version);
    }
}

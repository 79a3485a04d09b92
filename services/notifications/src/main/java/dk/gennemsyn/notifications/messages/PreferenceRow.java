package dk.gennemsyn.notifications.messages;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.util.Arrays;
import java.util.UUID;

/**
 * A user's settings as stored; {@code version} (1 when first saved) is their ETag. The muted reviews are a uuid[],
 * read and written as text (see PreferenceRows).
 */
@MappedEntity("preferences")
record PreferenceRow(String tenant, @Id String userId, boolean email, String digest,
                     @TypeDef(type = DataType.STRING_ARRAY) String[] mutedReviews, long version) {

    Preferences.Preference view() {
        return new Preferences.Preference(email, digest, Arrays.stream(mutedReviews).map(UUID::fromString).toList(),
                version);
    }
}

package dk.gennemsyn.caseintake.cases;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("cases")
public record CaseRecord(@Id UUID id, String tenant, int aliasNo, String caseType, Instant createdAt,
                         @Version long version) {

    public String alias() {
        return "Sag " + aliasNo;
    }
}

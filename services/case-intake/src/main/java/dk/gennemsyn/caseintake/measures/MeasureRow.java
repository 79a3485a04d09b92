package dk.gennemsyn.caseintake.measures;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A measure of the tenant's catalogue as stored; {@code version} (0 when created) is its ETag. */
@MappedEntity("measures")
record MeasureRow(@Id UUID id, String tenant, String name, String targetGroup, String legalBasisBarnetsLov,
                  String legalBasisServiceloven, long pricePerYearKr, long version) {

    Measures.Measure view() {
        return new Measures.Measure(id, name, targetGroup, legalBasisBarnetsLov, legalBasisServiceloven, pricePerYearKr,
                version);
    }
}

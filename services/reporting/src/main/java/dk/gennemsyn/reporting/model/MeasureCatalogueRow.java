package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A measure of the municipality's tilbudsvifte with its yearly price (newest version). */
@MappedEntity("measure_catalogue")
public record MeasureCatalogueRow(@Id UUID measureId, String tenant, String name, String legalBasisBl,
                                  String legalBasisSel, long pricePerYearKr, long version) {
}

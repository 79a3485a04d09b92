package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;
import java.util.UUID;

/** Whether a case met a legal rule, as screened in a month. */
@MappedEntity("compliance_months")
public record ComplianceMonthRow(@EmbeddedId Key key, boolean met) {

    @Embeddable
    public record Key(String tenant, LocalDate month, String rule, UUID caseId) {
    }
}

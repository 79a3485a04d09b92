package dk.gennemsyn.platform.cpr;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field must not contain a CPR number, nor a control character ({@link ControlCharacters}). Put it on every
 * free-text field of a request body; the error (problem+json, field named) says so in Danish without echoing the
 * value.
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
public @interface NoCpr {

    String message() default "must not contain a CPR number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

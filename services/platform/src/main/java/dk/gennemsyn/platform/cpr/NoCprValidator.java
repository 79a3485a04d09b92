package dk.gennemsyn.platform.cpr;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

@Singleton
public class NoCprValidator implements ConstraintValidator<NoCpr, CharSequence> {

    @Override
    public boolean isValid(@Nullable CharSequence value, @NonNull AnnotationValue<NoCpr> annotation,
                           @NonNull ConstraintValidatorContext context) {
        if (ControlCharacters.contains(value)) {
            context.messageTemplate(ControlCharacters.VIOLATION);
            return false;
        }
        return !CprGuard.containsCpr(value);
    }
}

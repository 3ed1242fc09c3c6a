package org.mincard.application.workqueue;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An opaque user id as the identity provider issues it: letters, digits and {@code . _ : -}, 1 to 128 characters.
 * No '@': an e-mail address is personal data and must not become an assignee id in events.
 */
@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}", message = "must be an opaque user id (letters, digits, . _ : -)")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@interface ClerkId {

    String message() default "must be an opaque user id (letters, digits, . _ : -)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

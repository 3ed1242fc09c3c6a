package org.mincard.application.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A calendar year the service can hold (1 to 9999, as {@link StrictInputConfig} allows for dates). Every year
 * parameter of the API carries it, so {@code year=999999999} is a 400 naming the parameter, not a date overflow.
 */
@Documented
@Min(1)
@Max(9999)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CalendarYear {

    String message() default "must be a year from 1 to 9999";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/** Name of the constraint in field errors (`VALIDATION_FAILED`). */
export const IS_LATER_THAN = 'isLaterThan';

/** The date-time string must be later than the one in `property` (when both are given and valid). */
export function IsLaterThan(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_LATER_THAN,
      constraints: [property],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const other = (args?.object as Record<string, unknown> | undefined)?.[property];
          if (typeof value !== 'string' || typeof other !== 'string') return true;
          const [end, start] = [Date.parse(value), Date.parse(other)];
          return Number.isNaN(end) || Number.isNaN(start) || end > start;
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be later than ${property}`,
      },
    },
    options,
  );
}

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
          const [end, start] = [microseconds(value), microseconds(other)];
          return Number.isNaN(end) || Number.isNaN(start) || end > start;
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be later than ${property}`,
      },
    },
    options,
  );
}

/** Epoch microseconds of a date-time string (Date.parse keeps only milliseconds). */
function microseconds(value: string): number {
  const fraction = /\.(\d+)/.exec(value)?.[1] ?? '';
  return Date.parse(value) * 1000 + Number(fraction.padEnd(6, '0').slice(3, 6));
}

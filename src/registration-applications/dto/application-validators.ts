import { ValidateBy, ValidationOptions } from 'class-validator';
import { hasCodePointLength, isChinesePersonName, isMainlandMobile, isPlainText } from '../domain/application-input';

/**
 * class-validator decorators for the application rules in `domain/application-input.ts`. Each
 * has its own constraint name, so the field error says exactly what is wrong (zh/en text in
 * `common/errors/validation.ts`).
 */

/** Between `min` and `max` Unicode code points (a supplementary-plane character counts once). */
export function HasCodePointLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'codePointLength',
      constraints: [min, max],
      validator: {
        validate: (value) => hasCodePointLength(value, min, max),
        defaultMessage: () => `$property must have ${min}-${max} characters`,
      },
    },
    { ...options, context: { min, max } },
  );
}

/** An 11-digit mainland China mobile number. */
export function IsMainlandMobile(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isMainlandMobile', validator: { validate: isMainlandMobile, defaultMessage: () => '$property must be an 11-digit mainland mobile number' } },
    options,
  );
}

/** A Chinese person's name (Han characters, parts joined by a middle dot). */
export function IsChinesePersonName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isChinesePersonName', validator: { validate: isChinesePersonName, defaultMessage: () => '$property must be a Chinese name of 2-30 Han characters' } },
    options,
  );
}

/** Free text without control characters (line breaks and tabs allowed), not blank. */
export function IsPlainText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isPlainText', validator: { validate: isPlainText, defaultMessage: () => '$property must not be blank or contain control characters' } },
    options,
  );
}

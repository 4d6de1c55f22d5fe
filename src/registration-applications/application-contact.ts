import { Column } from 'typeorm';
import { maskMobile, maskPersonName } from '../common/masking';

/**
 * The applicant's contact person (guide 图10: 联系人, 联系电话): personal data. Every column
 * holding it is declared here and nowhere else, and every read goes through {@link readContact},
 * so that keyed hashes or column encryption can be introduced in this one place.
 * Never log these values or put them into audit details or events.
 */
export class ApplicationContactColumns {
  /** Contact person's name (Chinese, may contain the middle dot ·). */
  @Column({ name: 'contact_name', type: 'text' })
  name: string;

  /** Mainland mobile number, 11 digits. */
  @Column({ name: 'contact_mobile', type: 'text' })
  mobile: string;
}

/** A contact person as the API shows it. */
export interface ContactView {
  readonly name: string;
  readonly mobile: string;
  /** True when name and mobile are masked. */
  readonly masked: boolean;
}

/** The contact columns to store for an application. */
export function contactColumns(input: { name: string; mobile: string }): ApplicationContactColumns {
  return { name: input.name, mobile: input.mobile };
}

/** The contact person, in clear (registrar detail view) or masked (lists, the applicant's own view). */
export function readContact(columns: ApplicationContactColumns, visibility: 'clear' | 'masked'): ContactView {
  if (visibility === 'clear') return { name: columns.name, mobile: columns.mobile, masked: false };
  return { name: maskPersonName(columns.name), mobile: maskMobile(columns.mobile), masked: true };
}

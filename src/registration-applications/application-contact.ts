import { Column } from 'typeorm';
import { maskMobile, maskPersonName } from '../common/masking';
import { PersonalDataProtector } from '../personal-data/personal-data-protector';

/**
 * The applicant's contact person (guide 图10: 联系人, 联系电话): personal data. Every column
 * holding it is declared here and nowhere else, and every read goes through {@link readContact},
 * Both are stored encrypted (AES-256-GCM, `PERSONAL_DATA_ENCRYPTION_KEY`): the reviewing
 * registrar reads them in clear, everyone else masked. Rows written before encryption hold
 * plain values and are read as they are. Never log these values or put them into audit details or events.
 */
export class ApplicationContactColumns {
  /** Contact person's name (Chinese, may contain the middle dot ·), encrypted. */
  @Column({ name: 'contact_name', type: 'text' })
  name: string;

  /** Mainland mobile number, 11 digits, encrypted. */
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
export function contactColumns(input: { name: string; mobile: string }, protector: PersonalDataProtector): ApplicationContactColumns {
  return { name: protector.encrypt(input.name), mobile: protector.encrypt(input.mobile) };
}

/** The contact person, in clear (registrar detail view) or masked (lists, the applicant's own view). */
export function readContact(columns: ApplicationContactColumns, visibility: 'clear' | 'masked', protector: PersonalDataProtector): ContactView {
  const name = protector.decrypt(columns.name);
  const mobile = protector.decrypt(columns.mobile);
  if (visibility === 'clear') return { name, mobile, masked: false };
  return { name: maskPersonName(name), mobile: maskMobile(mobile), masked: true };
}

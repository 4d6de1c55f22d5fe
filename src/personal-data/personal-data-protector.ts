import { Injectable } from '@nestjs/common';
import { maskMobile, maskPersonName } from '../common/masking';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { maskResidentId } from '../registry/domain/resident-id';
import { decryptPersonalValue, encryptPersonalValue, residentIdHash } from './domain/personal-data-crypto';

/** What a binding records about the natural person behind it (never the resident ID itself). */
export interface BoundPersonColumns {
  readonly personNameMasked: string | null;
  readonly residentIdHash: string | null;
  readonly residentIdMasked: string | null;
  readonly phoneMasked: string | null;
}

/** The claims a binding may record about its person. */
export interface PersonClaims {
  readonly name: string | undefined;
  readonly residentId: string | undefined;
  readonly phone: string | undefined;
}

/** Keyed hashing, encryption and masking of personal data, with the configured keys. */
@Injectable()
export class PersonalDataProtector {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  /** Keyed hash of a resident ID for exact look-up (see domain/personal-data-crypto.ts). */
  residentIdHash(residentId: string): string {
    return residentIdHash(residentId, this.config.personalData.hashKey);
  }

  encrypt(plaintext: string): string {
    return encryptPersonalValue(plaintext, this.config.personalData.encryptionKey);
  }

  decrypt(stored: string): string {
    return decryptPersonalValue(stored, this.config.personalData.encryptionKey);
  }

  /** The masked name, resident ID and mobile and the resident ID's keyed hash, for a binding row. */
  boundPerson(claims: PersonClaims): BoundPersonColumns {
    const residentId = claims.residentId?.trim() || undefined;
    return {
      personNameMasked: claims.name ? maskPersonName(claims.name) : null,
      residentIdHash: residentId ? this.residentIdHash(residentId) : null,
      residentIdMasked: residentId ? maskResidentId(residentId) : null,
      phoneMasked: claims.phone ? maskMobile(claims.phone.trim()) : null,
    };
  }
}

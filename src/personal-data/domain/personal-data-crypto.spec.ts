import { decryptPersonalValue, encryptPersonalValue, ENCRYPTED_PREFIX, residentIdHash } from './personal-data-crypto';
import { DEVELOPMENT_ENCRYPTION_KEY, personalDataKeyBytes } from './personal-data-keys';

const KEY = personalDataKeyBytes(DEVELOPMENT_ENCRYPTION_KEY)!;
const OTHER_KEY = personalDataKeyBytes(Buffer.alloc(32, 7).toString('base64'))!;

describe('residentIdHash', () => {
  it('is keyed, deterministic and ignores width, case of x and surrounding space', () => {
    const a = residentIdHash('21030219900517123X', 'k'.repeat(32));
    expect(a).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(residentIdHash(' 21030219900517123x ', 'k'.repeat(32))).toBe(a);
    expect(residentIdHash('２１０３０２１９９００５１７１２３Ｘ', 'k'.repeat(32))).toBe(a);
    expect(residentIdHash('21030219900517123X', 'j'.repeat(32))).not.toBe(a);
    expect(a).not.toContain('21030219900517123X');
  });
});

describe('encryptPersonalValue', () => {
  it('round-trips, never shows the plaintext and uses a fresh IV', () => {
    const one = encryptPersonalValue('13812345678', KEY);
    const two = encryptPersonalValue('13812345678', KEY);
    expect(one.startsWith(ENCRYPTED_PREFIX)).toBe(true);
    expect(one).not.toContain('13812345678');
    expect(one).not.toBe(two);
    expect(decryptPersonalValue(one, KEY)).toBe('13812345678');
  });

  it('detects a wrong key and tampering', () => {
    const stored = encryptPersonalValue('13812345678', KEY);
    expect(() => decryptPersonalValue(stored, OTHER_KEY)).toThrow();
    // Flip one bit of a decoded byte (editing a base64 character can leave the bytes unchanged).
    const flipFirstBit = (part: string): string => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] ^= 0x01;
      return bytes.toString('base64url');
    };
    const [iv, tag, ciphertext] = stored.slice(ENCRYPTED_PREFIX.length).split(':');
    expect(() => decryptPersonalValue(`${ENCRYPTED_PREFIX}${iv}:${tag}:${flipFirstBit(ciphertext)}`, KEY)).toThrow();
    expect(() => decryptPersonalValue(`${ENCRYPTED_PREFIX}${iv}:${flipFirstBit(tag)}:${ciphertext}`, KEY)).toThrow();
    expect(() => decryptPersonalValue(`${ENCRYPTED_PREFIX}${flipFirstBit(iv)}:${tag}:${ciphertext}`, KEY)).toThrow();
  });

  it('returns values stored before encryption as they are', () => {
    expect(decryptPersonalValue('13812345678', KEY)).toBe('13812345678');
  });
});

describe('personalDataKeyBytes', () => {
  it('accepts 64 hex digits or 32 bytes of base64, nothing else', () => {
    expect(personalDataKeyBytes(DEVELOPMENT_ENCRYPTION_KEY)?.length).toBe(32);
    expect(personalDataKeyBytes(Buffer.alloc(32, 1).toString('base64'))?.length).toBe(32);
    expect(personalDataKeyBytes(Buffer.alloc(16, 1).toString('base64'))).toBeNull();
    expect(personalDataKeyBytes('not a key!')).toBeNull();
  });
});

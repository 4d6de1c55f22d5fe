import { loadConfig } from '../config/app-config';
import { PersonalDataProtector } from './personal-data-protector';

describe('PersonalDataProtector', () => {
  const protector = new PersonalDataProtector(loadConfig({ NODE_ENV: 'test' }));

  it('records a natural person masked, with the resident ID as a keyed hash only', () => {
    const person = protector.boundPerson({ name: '欧阳娜娜', residentId: ' 21030219900517123x ', phone: '13812345678' });
    expect(person).toEqual({
      personNameMasked: '欧***',
      residentIdHash: protector.residentIdHash('21030219900517123X'),
      residentIdMasked: '210***********123X',
      phoneMasked: '138****5678',
    });
    expect(JSON.stringify(person)).not.toMatch(/21030219900517123|13812345678|娜娜/);
  });

  it('records nothing for claims that are absent or blank', () => {
    expect(protector.boundPerson({ name: undefined, residentId: '  ', phone: undefined })).toEqual({
      personNameMasked: null, residentIdHash: null, residentIdMasked: null, phoneMasked: null,
    });
  });

  it('encrypts and decrypts with the configured key', () => {
    const stored = protector.encrypt('张三');
    expect(stored).toMatch(/^enc:v1:/);
    expect(protector.decrypt(stored)).toBe('张三');
  });
});

import { interpretLegacyAccountRow } from './legacy-account-row';

const MD5 = '5f4dcc3b5aa765d61d8327deb882cf99';
const row = (values: Record<string, string>) => interpretLegacyAccountRow({ login_name: 'QS-Taiji', organization_name: '鞍山市千山区太极拳运动协会', hash_scheme: 'md5', password_hash: MD5, ...values });

describe('interpretLegacyAccountRow', () => {
  it('reads a login with its organization, scheme and canonical hash', () => {
    expect(row({})).toEqual({
      ok: true,
      record: {
        loginName: 'QS-Taiji',
        loginNameKey: 'qs-taiji',
        organizationName: '鞍山市千山区太极拳运动协会',
        organizationExternalId: null,
        credential: { scheme: 'md5', wrapInput: MD5, salt: null },
        status: 'unbound',
      },
      warnings: [],
    });
  });

  it('accepts the organization by external id alone, and the scheme in any case', () => {
    const reading = row({ organization_name: '', organization_external_id: ' demo-0101 ', hash_scheme: 'SHA1', password_hash: '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8' });
    expect(reading.ok && reading.record).toMatchObject({ organizationName: null, organizationExternalId: 'demo-0101', credential: { scheme: 'sha1' } });
  });

  it('trims the login name with a warning', () => {
    const reading = row({ login_name: ' QS-Taiji\u3000' });
    expect(reading.ok && reading.warnings).toEqual(['leading/trailing spaces removed from login_name']);
  });

  it('rejects rows without login, organization or scheme, or with an unknown scheme or status', () => {
    expect(row({ login_name: '' })).toEqual({ ok: false, reason: 'login_name is required' });
    expect(row({ organization_name: '' })).toEqual({ ok: false, reason: 'organization_name or organization_external_id is required' });
    expect(row({ hash_scheme: '' })).toEqual({ ok: false, reason: 'hash_scheme is required' });
    expect(row({ hash_scheme: 'md4' })).toMatchObject({ ok: false, reason: expect.stringContaining('hash_scheme "md4" is not one of md5') });
    expect(row({ status: 'bound' })).toMatchObject({ ok: false, reason: expect.stringContaining('bound comes only from a binding') });
  });

  it('reads disabled accounts', () => {
    expect(row({ status: 'Disabled' })).toMatchObject({ ok: true, record: { status: 'disabled' } });
  });

  it('never quotes the hash or the password in a rejection', () => {
    const badHash = row({ password_hash: 'deadbeef' });
    expect(badHash.ok).toBe(false);
    expect(JSON.stringify(badHash)).not.toContain('deadbeef');
    const plaintextElsewhere = row({ password: 'Secret#1' });
    expect(JSON.stringify(plaintextElsewhere)).not.toContain('Secret#1');
  });
});

import bcrypt from 'bcryptjs';
import { isLegacyHashScheme, legacyHash, LEGACY_HASH_SCHEMES, readLegacyCredential } from './legacy-hash';

const none = { hash: '', salt: '', password: '' };

describe('legacyHash', () => {
  it('computes the unsalted digests as old systems stored them (UTF-8, lower-case hex)', async () => {
    expect(await legacyHash('md5', 'password', null)).toBe('5f4dcc3b5aa765d61d8327deb882cf99');
    expect(await legacyHash('md5_16', 'password', null)).toBe('5aa765d61d8327de');
    expect(await legacyHash('sha1', 'password', null)).toBe('5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8');
    expect(await legacyHash('sha256', 'password', null)).toBe('5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8');
    expect(await legacyHash('md5', '密码', null)).toBe('a8105204604a0b11e916f3879aae3b0b');
  });

  it('puts the salt before or after the password as the scheme says', async () => {
    expect(await legacyHash('md5_salt_password', 'password', 'ab')).toBe(await legacyHash('md5', 'abpassword', null));
    expect(await legacyHash('md5_password_salt', 'password', 'ab')).toBe(await legacyHash('md5', 'passwordab', null));
    await expect(legacyHash('md5_salt_password', 'password', null)).rejects.toThrow(/needs a salt/);
  });

  it('reproduces a bcrypt string from its setting, also for PHP $2y$ hashes', async () => {
    const stored = bcrypt.hashSync('Taiji@2019', 4);
    expect(await legacyHash('bcrypt', 'Taiji@2019', stored.slice(0, 29))).toBe(stored);
    expect(await legacyHash('bcrypt', 'wrong', stored.slice(0, 29))).not.toBe(stored);
    const php = stored.replace('$2b$', '$2y$');
    expect(await legacyHash('bcrypt', 'Taiji@2019', php.slice(0, 29))).toBe(php);
  });

  it('passes plaintext through (it is wrapped, never stored)', async () => {
    expect(await legacyHash('plaintext', 'p@ss', null)).toBe('p@ss');
  });
});

describe('readLegacyCredential', () => {
  it('canonicalises hex digests to lower case', () => {
    const reading = readLegacyCredential('md5', { ...none, hash: ' 5F4DCC3B5AA765D61D8327DEB882CF99 ' });
    expect(reading).toEqual({ ok: true, credential: { scheme: 'md5', wrapInput: '5f4dcc3b5aa765d61d8327deb882cf99', salt: null } });
  });

  it('checks the digest length of each scheme without quoting the value', () => {
    const reading = readLegacyCredential('sha256', { ...none, hash: '5f4dcc3b5aa765d61d8327deb882cf99' });
    expect(reading).toEqual({ ok: false, reason: 'password_hash for scheme sha256 must be 64 hex digits (found 32 characters)' });
    expect(readLegacyCredential('md5_16', { ...none, hash: '5aa765d61d8327de' }).ok).toBe(true);
    expect(readLegacyCredential('sha1', { ...none, hash: 'z'.repeat(40) }).ok).toBe(false);
  });

  it('requires the salt for salted schemes and refuses it elsewhere', () => {
    const hash = '5f4dcc3b5aa765d61d8327deb882cf99';
    expect(readLegacyCredential('md5_salt_password', { ...none, hash })).toEqual({ ok: false, reason: 'scheme md5_salt_password needs the salt column' });
    expect(readLegacyCredential('md5_password_salt', { ...none, hash, salt: 'x9' })).toEqual({ ok: true, credential: { scheme: 'md5_password_salt', wrapInput: hash, salt: 'x9' } });
    expect(readLegacyCredential('md5', { ...none, hash, salt: 'x9' }).ok).toBe(false);
  });

  it('keeps only the bcrypt setting (cost and salt) beside the wrapped hash', () => {
    const stored = bcrypt.hashSync('pw', 4);
    const reading = readLegacyCredential('bcrypt', { ...none, hash: stored });
    expect(reading).toEqual({ ok: true, credential: { scheme: 'bcrypt', wrapInput: stored, salt: stored.slice(0, 29) } });
    expect(readLegacyCredential('bcrypt', { ...none, hash: stored.replace('$2b$', '$2x$') }).ok).toBe(false);
    expect(readLegacyCredential('bcrypt', { ...none, hash: stored, salt: 'abc' }).ok).toBe(false);
  });

  it('reads plaintext only from the password column, with scheme plaintext', () => {
    expect(readLegacyCredential('plaintext', { ...none, password: 'Taiji@2019' })).toEqual({ ok: true, credential: { scheme: 'plaintext', wrapInput: 'Taiji@2019', salt: null } });
    expect(readLegacyCredential('plaintext', { ...none, hash: 'Taiji@2019' }).ok).toBe(false);
    expect(readLegacyCredential('md5', { ...none, password: 'Taiji@2019' })).toEqual({ ok: false, reason: 'the password column is only read with scheme plaintext (scheme md5 takes password_hash)' });
    expect(readLegacyCredential('plaintext', none).ok).toBe(false);
  });

  it('knows every scheme by name', () => {
    for (const scheme of LEGACY_HASH_SCHEMES) expect(isLegacyHashScheme(scheme)).toBe(true);
    expect(isLegacyHashScheme('md4')).toBe(false);
  });
});

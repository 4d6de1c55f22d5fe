import { loginNameKey, loginNameProblem } from './login-name';

describe('loginNameKey', () => {
  it('ignores case, width and surrounding spaces', () => {
    expect(loginNameKey('  QS-TaiJi ')).toBe('qs-taiji');
    expect(loginNameKey('ＱＳ－ｔａｉｊｉ')).toBe('qs-taiji');
    expect(loginNameKey('qs-taiji')).toBe(loginNameKey('QS-TAIJI'));
  });

  it('keeps Chinese login names as they are', () => {
    expect(loginNameKey('千山太极')).toBe('千山太极');
  });
});

describe('loginNameProblem', () => {
  it('accepts ordinary login names', () => {
    expect(loginNameProblem('qs-taiji')).toBeNull();
    expect(loginNameProblem('鞍山千山太极2019')).toBeNull();
  });

  it('rejects empty, invisible and overlong names', () => {
    expect(loginNameProblem('   ')).toBe('login_name is required');
    expect(loginNameProblem('qs\u200btaiji')).toMatch(/invisible/);
    expect(loginNameProblem('a'.repeat(65))).toMatch(/longer than 64/);
    expect(loginNameProblem('a'.repeat(64))).toBeNull();
  });
});

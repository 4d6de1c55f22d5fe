import { maskMobile, maskPersonName } from './masking';

describe('maskMobile', () => {
  it('keeps the carrier prefix and the last four digits of a mainland mobile number', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });

  it('keeps only the last two characters of anything else', () => {
    expect(maskMobile('024-1234')).toBe('******34');
    expect(maskMobile('12')).toBe('**');
    expect(maskMobile('')).toBe('');
  });
});

describe('maskPersonName', () => {
  it('shows only the first character', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
  });

  it('keeps the middle dot of minority names', () => {
    expect(maskPersonName('阿依古丽·买买提')).toBe('阿***·***');
  });

  it('counts supplementary-plane characters as one', () => {
    expect(maskPersonName('𠮷田')).toBe('𠮷*');
    expect(maskPersonName('')).toBe('');
  });
});

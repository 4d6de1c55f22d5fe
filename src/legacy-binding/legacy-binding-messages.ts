import { LocalizedText } from '../common/errors/error-catalog';

/** What a successful binding tells the user (guide 图9 option 一). `{organizationName}` is filled in. */
export const LEGACY_BINDING_SUCCESS: LocalizedText = {
  zh: '绑定成功：当前统一身份认证账号已绑定社会组织“{organizationName}”，今后登录将直接进入该社会组织账号。',
  en: 'Bound: this platform account now acts for "{organizationName}"; from now on logging in opens its organization account.',
};

/** The user types that may bind a legacy account (USER_TYPE_NOT_ALLOWED `{expected}`). */
export const NATURAL_PERSON_USER_TYPES: LocalizedText = {
  zh: '自然人或个体工商户',
  en: 'natural-person or individual-business',
};

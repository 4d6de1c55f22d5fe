import { LocalizedText } from '../common/errors/error-catalog';
import { ResolutionStatus } from './domain/resolution';

/**
 * What each resolution tells the user, in the spirit of the province's guide (图7, 图9, §3 注4).
 * `{name}` style placeholders are filled by the service.
 */
export const RESOLUTION_MESSAGES: Record<ResolutionStatus, LocalizedText> = {
  BOUND: { zh: '登录成功：当前账号对应社会组织“{organizationName}”。', en: 'Signed in: this account acts for "{organizationName}".' },
  USCC_INVALID: {
    zh: '法人用户的统一社会信用代码不正确：{detail}请在统一身份认证平台核对后修改，使其与法人登记证书一致。',
    en: 'The legal-person user\'s USCC is not valid: {detail} Correct it on the identity platform so that it matches the registration certificate.',
  },
  ORGANIZATION_NOT_FOUND: {
    zh: '未找到统一社会信用代码为 {uscc} 的社会组织。请核对代码是否与法人登记证书一致；如无误，请联系登记管理机关。',
    en: 'No social organization is registered under USCC {uscc}. Check it against the registration certificate; if it is right, contact the registration authority.',
  },
  ORGANIZATION_NAME_MISMATCH: {
    zh: '统一身份认证平台中的单位名称与法人登记证书名称不一致（必须一字不差）：{detail}请在统一身份认证平台修改单位名称后重新登录。',
    en: 'The organization name on the identity platform differs from the registration certificate (it must match exactly): {detail} Correct the name on the platform and log in again.',
  },
  LEGAL_PERSON_ALREADY_BOUND: {
    zh: '统一社会信用代码 {uscc} 已由另一个法人用户注册使用（一个统一社会信用代码只能注册一个法人用户）。请使用已注册的法人账号登录，或联系登记管理机关。',
    en: 'USCC {uscc} is already used by another legal-person account (one USCC, one legal-person account). Log in with that account, or contact the registration authority.',
  },
  ORGANIZATION_DEREGISTERED: {
    zh: '社会组织“{organizationName}”已注销，无法登录。如有疑问，请联系登记管理机关。',
    en: 'The organization "{organizationName}" has been deregistered and can no longer log in. Contact the registration authority with questions.',
  },
  ORGANIZATION_NOT_ESTABLISHED: {
    zh: '社会组织“{organizationName}”尚未完成成立登记，请以自然人用户登录并绑定原系统账号。',
    en: 'The organization "{organizationName}" has not finished establishment; log in as a natural-person user and bind the legacy account.',
  },
  PLATFORM_ACCOUNT_BOUND_ELSEWHERE: {
    zh: '当前统一身份认证账号已绑定社会组织“{organizationName}”，与本次登录信息不符。如需变更，请联系登记管理机关。',
    en: 'This platform account is already bound to "{organizationName}", which does not match this login. Contact the registration authority to change it.',
  },
  LEGAL_PERSON_ACCOUNT_REQUIRED: {
    zh: '社会组织“{organizationName}”已完成成立登记，请在统一身份认证平台注册法人用户（名称与法人登记证书一字不差，统一社会信用代码 {uscc}），今后以法人用户登录。',
    en: 'The organization "{organizationName}" is now established: register a legal-person user on the identity platform (name exactly as on the certificate, USCC {uscc}) and log in with it from now on.',
  },
  APPLICATION_PENDING: {
    zh: '您的注册申请已提交至{authorityName}，正在等待初审，请耐心等待。',
    en: 'Your registration application was sent to {authorityName} and awaits review.',
  },
  APPLICATION_REJECTED: {
    zh: '您的注册申请未通过初审，原因：{reason}。您可以修改后重新申请。',
    en: 'Your registration application was rejected: {reason}. You may apply again.',
  },
  BINDING_REQUIRED: {
    zh: '首次登录需完成绑定：拟成立的社会组织请绑定登记管理机关分配的原系统账号；新申请的社会组织请提交注册申请。',
    en: 'First login: an organization in formation binds the legacy account issued by its registration authority; a new organization files a registration application.',
  },
};

/** USCC rules explained to the user (GB 32100-2015). */
export const USCC_RULE_MESSAGES: Record<string, LocalizedText> = {
  LENGTH: { zh: '应为 18 位，实际为 {actual} 位。', en: 'it must have 18 characters, it has {actual}.' },
  CHARSET: { zh: '第 {position} 位“{actual}”不是允许的字符（仅限数字和除 I、O、S、V、Z 外的大写字母）。', en: 'character {position} "{actual}" is not allowed (digits and capital letters except I, O, S, V, Z).' },
  REGISTRATION_DEPARTMENT: { zh: '第 1 位登记管理部门代码“{actual}”无效。', en: 'position 1, registration department "{actual}", is not valid.' },
  CATEGORY: { zh: '第 2 位机构类别代码“{actual}”无效。', en: 'position 2, category "{actual}", is not valid for the department.' },
  DIVISION: { zh: '第 3–8 位行政区划码“{actual}”无效。', en: 'positions 3-8, division code "{actual}", are not a known division.' },
  ORGANIZATION_CODE_CHECK: { zh: '第 17 位组织机构代码校验码应为“{expected}”，实际为“{actual}”。', en: 'position 17, the organization-code check character, should be "{expected}", not "{actual}".' },
  CHECK_CHARACTER: { zh: '第 18 位校验码应为“{expected}”，实际为“{actual}”。', en: 'position 18, the check character, should be "{expected}", not "{actual}".' },
};

/** Appended when the claimed USCC is valid once upper-cased and made half-width. */
export const USCC_NORMALIZATION_HINT: LocalizedText = {
  zh: '统一社会信用代码应使用大写半角字符，即“{normalized}”。',
  en: ' The USCC must be written in upper-case half-width characters: "{normalized}".',
};

/**
 * Appended to BOUND for a natural-person user during an establishment grace period
 * (`ESTABLISHMENT_GRACE_PERIOD_HOURS`): the binding stops counting at `{supersedeAt}`.
 */
export const GRACE_PERIOD_NOTICE: LocalizedText = {
  zh: '该社会组织已完成成立登记：请在 {supersedeAt} 之前在统一身份认证平台注册法人用户（名称与法人登记证书一字不差，统一社会信用代码 {uscc}），届时本自然人账号将不能再登录该组织。',
  en: ' The organization is now established: register a legal-person user on the identity platform before {supersedeAt} (name exactly as on the certificate, USCC {uscc}); this natural-person account can no longer log in for it from then on.',
};

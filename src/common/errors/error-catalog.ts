import { ErrorCode } from './error-codes';

/** A message in both languages we answer in. zh-CN is the default. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

/** How one error code is presented: HTTP status, short title, and a detail template. */
export interface ErrorDefinition {
  readonly status: number;
  readonly title: LocalizedText;
  /** Template with `{name}` placeholders filled from the error's params. */
  readonly detail: LocalizedText;
}

/**
 * Every error code's status and wording. The wording helps the user act, in the spirit of
 * the province's guide (who to contact, what to check).
 */
export const ERROR_CATALOG: Record<ErrorCode, ErrorDefinition> = {
  VALIDATION_FAILED: {
    status: 400,
    title: { zh: '请求参数不正确', en: 'Request validation failed' },
    detail: { zh: '请按 errors 中列出的字段逐项修改后重试。', en: 'Correct the fields listed in errors and try again.' },
  },
  MALFORMED_REQUEST: {
    status: 400,
    title: { zh: '请求格式不正确', en: 'Malformed request' },
    detail: { zh: '请求体不是有效的 JSON，或请求格式无法解析。', en: 'The request body is not valid JSON or cannot be parsed.' },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: { zh: '请求体过大', en: 'Payload too large' },
    detail: { zh: '请求体超过了允许的大小。', en: 'The request body exceeds the allowed size.' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: { zh: '不支持的内容类型', en: 'Unsupported media type' },
    detail: { zh: '请使用 Content-Type: application/json。', en: 'Send Content-Type: application/json.' },
  },
  NOT_FOUND: {
    status: 404,
    title: { zh: '资源不存在', en: 'Not found' },
    detail: { zh: '请求的资源不存在，或您无权查看。', en: 'The requested resource does not exist or is not visible to you.' },
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: { zh: '不支持的请求方法', en: 'Method not allowed' },
    detail: { zh: '该地址不支持此请求方法。', en: 'This method is not supported on this resource.' },
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    title: { zh: '请求过于频繁', en: 'Too many requests' },
    detail: { zh: '请求过于频繁，请在 {retryAfterSeconds} 秒后重试。', en: 'Too many requests; retry in {retryAfterSeconds} seconds.' },
  },
  INTERNAL_ERROR: {
    status: 500,
    title: { zh: '服务内部错误', en: 'Internal error' },
    detail: { zh: '服务暂时出现问题，请稍后重试；如持续出现，请联系运维人员并提供请求编号。', en: 'Something went wrong on our side. Retry later; if it persists, contact operations with the request id.' },
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: { zh: '服务暂不可用', en: 'Service unavailable' },
    detail: { zh: '服务暂时不可用，请稍后重试。', en: 'The service is temporarily unavailable; retry later.' },
  },
  TOKEN_MISSING: {
    status: 401,
    title: { zh: '缺少身份令牌', en: 'Token missing' },
    detail: { zh: '请先通过辽宁省统一身份认证平台登录，并在 Authorization 头中携带 Bearer 令牌。', en: 'Log in through the provincial identity platform and send its token as an Authorization: Bearer header.' },
  },
  TOKEN_INVALID: {
    status: 401,
    title: { zh: '身份令牌无效', en: 'Token invalid' },
    detail: { zh: '身份令牌无效，请重新登录统一身份认证平台。', en: 'The token is not valid; log in to the identity platform again.' },
  },
  TOKEN_EXPIRED: {
    status: 401,
    title: { zh: '身份令牌已过期', en: 'Token expired' },
    detail: { zh: '登录已过期，请重新登录统一身份认证平台。', en: 'The login has expired; log in to the identity platform again.' },
  },
  TOKEN_CLAIMS_INVALID: {
    status: 401,
    title: { zh: '身份令牌信息不完整', en: 'Token claims invalid' },
    detail: { zh: '身份令牌缺少必要的用户信息（如用户类型），请重新登录统一身份认证平台。', en: 'The token lacks required user information (such as the user type); log in to the identity platform again.' },
  },
  FORBIDDEN: {
    status: 403,
    title: { zh: '无权操作', en: 'Forbidden' },
    detail: { zh: '您没有执行此操作的权限。', en: 'You are not allowed to perform this operation.' },
  },
  USER_TYPE_NOT_ALLOWED: {
    status: 403,
    title: { zh: '用户类型不符', en: 'User type not allowed' },
    detail: { zh: '此操作需要{expected}用户登录。', en: 'This operation requires a {expected} user.' },
  },

  ALREADY_BOUND: {
    status: 409,
    title: { zh: '账号已绑定社会组织', en: 'Platform account already bound' },
    detail: {
      zh: '当前统一身份认证账号已绑定社会组织“{organizationName}”，一个账号只能对应一个社会组织账号，无需再次绑定。如需变更，请联系登记管理机关。',
      en: 'This platform account is already bound to "{organizationName}"; one platform account acts for one organization account, so there is nothing to bind. To change it, contact the registration authority.',
    },
  },
  INVALID_CREDENTIALS: {
    status: 403,
    title: { zh: '原系统登录名或密码不正确', en: 'Legacy login name or password incorrect' },
    detail: {
      zh: '登录名或密码不正确。请确认填写的是原社会组织管理信息系统中登记管理机关分配的登录名和密码；连续多次错误将被临时锁定。如无法自行核对，请联系所属登记管理机关查询。',
      en: 'The login name or password is incorrect. Use the login name and password the registration authority issued in the old management system; repeated failures lock binding temporarily. If you cannot check them yourself, ask your registration authority.',
    },
  },
  ACCOUNT_TEMPORARILY_LOCKED: {
    status: 429,
    title: { zh: '绑定已被临时锁定', en: 'Binding temporarily locked' },
    detail: {
      zh: '因密码连续错误次数过多，绑定已被临时锁定，请于 {retryAt}（北京时间，约 {retryAfterSeconds} 秒后）再试。锁定期间不会校验密码；如需提前解锁，请联系所属登记管理机关。',
      en: 'Too many wrong passwords: binding is locked until {retryAt} (Beijing time, in about {retryAfterSeconds} seconds). Passwords are not checked while locked; to unlock sooner, contact your registration authority.',
    },
  },
  LEGACY_ACCOUNT_DISABLED: {
    status: 403,
    title: { zh: '原系统账号已停用', en: 'Legacy account disabled' },
    detail: {
      zh: '该原系统账号已被登记管理机关停用，无法绑定。请联系所属登记管理机关。',
      en: 'The registration authority has disabled this legacy account; it cannot be bound. Contact your registration authority.',
    },
  },
  LEGACY_ACCOUNT_ALREADY_BOUND: {
    status: 409,
    title: { zh: '原系统账号已被绑定', en: 'Legacy account already bound' },
    detail: {
      zh: '该原系统账号已绑定到另一个统一身份认证账号。如非本单位人员操作，请联系所属登记管理机关核实处理。',
      en: 'This legacy account is already bound to another platform account. If that was not someone of your organization, contact your registration authority.',
    },
  },
  ORGANIZATION_NAME_MISMATCH: {
    status: 422,
    title: { zh: '社会组织名称不一致', en: 'Organization name mismatch' },
    detail: {
      zh: '填写的社会组织名称与登记管理机关分配的名称不一致（必须一字不差）：{detail}请核对后重新填写。',
      en: 'The organization name differs from the one the registration authority assigned (it must match exactly): {detail} Check it and try again.',
    },
  },
  ORGANIZATION_DEREGISTERED: {
    status: 409,
    title: { zh: '社会组织已注销', en: 'Organization deregistered' },
    detail: {
      zh: '社会组织“{organizationName}”已注销，无法绑定。如有疑问，请联系登记管理机关。',
      en: 'The organization "{organizationName}" has been deregistered and cannot be bound. Contact the registration authority with questions.',
    },
  },
  LEGAL_PERSON_ACCOUNT_REQUIRED: {
    status: 403,
    title: { zh: '请使用法人用户登录', en: 'Legal-person account required' },
    detail: {
      zh: '社会组织“{organizationName}”已完成成立登记，不能再绑定原系统账号。请在统一身份认证平台注册法人用户（名称与法人登记证书一字不差，统一社会信用代码 {uscc}），今后以法人用户登录。',
      en: 'The organization "{organizationName}" is established and can no longer bind its legacy account. Register a legal-person user on the identity platform (name exactly as on the certificate, USCC {uscc}) and log in with it from now on.',
    },
  },
};

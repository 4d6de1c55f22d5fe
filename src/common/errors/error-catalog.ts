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
  ORGANIZATION_TRANSITION_INVALID: {
    status: 409,
    title: { zh: '社会组织状态不允许此变更', en: 'Organization status transition not allowed' },
    detail: {
      zh: '该社会组织当前状态为 {currentStatus}，不能变更为 {requestedStatus}（拟成立 → 已成立 → 已注销；拟成立 → 已注销）。请先核对管理系统中的登记状态。',
      en: 'The organization is {currentStatus} and cannot become {requestedStatus} (in_formation → established → deregistered; in_formation → deregistered). Check the registration status in the management system.',
    },
  },
  USCC_INVALID: {
    status: 422,
    title: { zh: '统一社会信用代码不正确', en: 'USCC not valid' },
    detail: {
      zh: '统一社会信用代码“{uscc}”不符合 GB 32100-2015（{rule}）：{reason}请按法人登记证书核对后重新提交。',
      en: 'USCC "{uscc}" does not conform to GB 32100-2015 ({rule}): {reason} Check it against the registration certificate and send it again.',
    },
  },
  USCC_ALREADY_REGISTERED: {
    status: 409,
    title: { zh: '统一社会信用代码已被登记', en: 'USCC already registered' },
    detail: {
      zh: '统一社会信用代码 {uscc} 已登记给另一个社会组织（一个代码只对应一个社会组织）。请核对代码，或先更正另一条登记记录。',
      en: 'USCC {uscc} is already registered to another organization (one code, one organization). Check the code, or correct the other record first.',
    },
  },
  REGISTRATION_AUTHORITY_NOT_FOUND: {
    status: 422,
    title: { zh: '登记管理机关不存在', en: 'Registration authority not found' },
    detail: {
      zh: '登记管理机关代码“{authorityCode}”不存在。请先同步登记管理机关名录，或核对代码。',
      en: 'There is no registration authority with code "{authorityCode}". Synchronise the authority roster first, or check the code.',
    },
  },
  SESSION_ACTIVE_ELSEWHERE: {
    status: 409,
    title: { zh: '该账户已在其他地方登录', en: 'Account logged in elsewhere' },
    detail: {
      zh: '该账户已于 {startedAt} 在其他地方（{clientIp}，{device}）登录。为保证一个账户只能在一台电脑上登录，继续登录将使对方下线；确认后请以 takeover: true 重新登录。',
      en: 'This account has been logged in elsewhere since {startedAt} ({clientIp}, {device}). One account may be logged in on one computer only: continuing logs the other session out; to confirm, log in again with takeover: true.',
    },
  },
  SESSION_LIMIT_REACHED: {
    status: 409,
    title: { zh: '该账户已在其他地方登录', en: 'Account logged in elsewhere' },
    detail: {
      zh: '该账户已于 {startedAt} 在其他地方（{clientIp}，{device}）登录，本系统不允许同时登录。请先在原处退出登录，或等待其超时（{expiresAt}）后重试。',
      en: 'This account has been logged in elsewhere since {startedAt} ({clientIp}, {device}) and concurrent logins are not allowed. Log out there first, or wait until it times out ({expiresAt}).',
    },
  },
  SESSION_REQUIRES_BOUND_ACCOUNT: {
    status: 403,
    title: { zh: '尚不能登录该社会组织账户', en: 'No bound organization account' },
    detail: {
      zh: '只有已绑定且状态正常的社会组织账户才能登录（当前结果：{resolutionStatus}）。请按 resolution.message 的提示操作。',
      en: 'Only a bound organization account in good standing can log in (current resolution: {resolutionStatus}). Follow resolution.message.',
    },
  },
};

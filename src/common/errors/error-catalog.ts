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
};

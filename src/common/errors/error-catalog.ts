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
  PRECONDITION_FAILED: {
    status: 412,
    title: { zh: '数据已被更新', en: 'Precondition failed' },
    detail: {
      zh: '您看到的版本（{sentETag}）已不是最新版本（当前为 {currentETag}），可能已有其他人处理。请刷新后重新查看再操作。',
      en: 'The version you saw ({sentETag}) is no longer current ({currentETag}); someone may have acted on it. Reload it and decide again.',
    },
  },
  PRECONDITION_REQUIRED: {
    status: 428,
    title: { zh: '缺少版本条件', en: 'Precondition required' },
    detail: {
      zh: '此操作须在 If-Match 请求头中携带您所查看版本的 ETag（如 W/"1"），以免覆盖他人的处理结果。',
      en: 'Send the ETag of the version you saw in an If-Match header (e.g. W/"1"), so that you never overwrite someone else\'s decision.',
    },
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    title: { zh: '缺少幂等键', en: 'Idempotency key required' },
    detail: {
      zh: '提交注册申请须携带 Idempotency-Key 请求头（建议使用新生成的 UUID），重试时使用同一个值，以免重复提交。',
      en: 'Send an Idempotency-Key header (a freshly generated UUID is best) and reuse it when retrying, so that a retry never files a second application.',
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: { zh: '幂等键已用于其他请求', en: 'Idempotency key reused' },
    detail: {
      zh: '此 Idempotency-Key 已用于内容不同的另一次提交。重试时请保持内容不变；提交新内容请使用新的 Idempotency-Key。',
      en: 'This Idempotency-Key was already used for a submission with different content. Retry with the same content, or use a new key for new content.',
    },
  },
  DIVISION_NOT_FOUND: {
    status: 422,
    title: { zh: '行政区划不存在', en: 'Division not found' },
    detail: {
      zh: '“登记机关所属地”{divisionCode} 不是辽宁省现行的行政区划代码，请重新选择。',
      en: 'Division {divisionCode} is not a current Liaoning division code (GB/T 2260); choose it again.',
    },
  },
  AUTHORITY_NOT_FOUND: {
    status: 422,
    title: { zh: '登记管理机关不存在', en: 'Registration authority not found' },
    detail: {
      zh: '登记管理机关 {authorityCode} 不存在或已停止受理注册申请，请重新选择；如有疑问请先咨询登记管理机关。',
      en: 'Registration authority {authorityCode} does not exist or no longer accepts applications; choose it again, or ask the authority first.',
    },
  },
  AUTHORITY_NOT_IN_DIVISION: {
    status: 422,
    title: { zh: '登记管理机关与所属地不一致', en: 'Authority not in the division' },
    detail: {
      zh: '所选登记管理机关“{authorityName}”不属于所选“登记机关所属地”{divisionCode}，而属于 {authorityDivisionCode}。所属地选错，对应的登记机关将无法收到申请（操作指南图10注1），请重新选择。',
      en: 'The chosen authority "{authorityName}" is not in division {divisionCode} but in {authorityDivisionCode}. With a wrong division the authority never receives the application (guide, 图10 note 1); choose again.',
    },
  },
  NAME_INVALID_CHARACTERS: {
    status: 422,
    title: { zh: '名称含有不可见字符', en: 'Name contains invisible characters' },
    detail: {
      zh: '拟成立社会组织名称第 {positions} 个字符为控制字符或零宽字符等不可见字符（{codePoints}），登记证书名称不会包含这些字符。请删除后重新输入名称（多字少字错字都不可以）。',
      en: 'Characters {positions} of the proposed name are control, zero-width or other invisible characters ({codePoints}), which no certificate name contains. Delete them and type the name again, exactly.',
    },
  },
  NAME_TAKEN: {
    status: 409,
    title: { zh: '名称已被使用', en: 'Name taken' },
    detail: {
      zh: '名称“{proposedName}”已被已登记的社会组织或待审核的注册申请使用。请核对拟定名称；如确认无误，请咨询登记管理机关。',
      en: 'The name "{proposedName}" is already used by a registered organization or a pending application. Check the proposed name; if it is right, ask the registration authority.',
    },
  },
  APPLICATION_ALREADY_PENDING: {
    status: 409,
    title: { zh: '已有待审核的申请', en: 'Application already pending' },
    detail: {
      zh: '您已有一份待审核的注册申请（提交至{authorityName}）。请等待初审结果；如需修改，请先撤回该申请再重新提交。',
      en: 'You already have a pending registration application (sent to {authorityName}). Wait for the review, or withdraw it first to file a corrected one.',
    },
  },
  ALREADY_BOUND: {
    status: 409,
    title: { zh: '账号已绑定社会组织', en: 'Account already bound' },
    detail: {
      zh: '该统一身份认证账号已绑定社会组织，不能再提交注册申请或再次绑定。如需变更，请联系登记管理机关。',
      en: 'This platform account is already bound to an organization; it cannot file an application or be bound again. Contact the registration authority to change it.',
    },
  },
  APPLICATION_STATUS_CONFLICT: {
    status: 409,
    title: { zh: '申请状态不允许此操作', en: 'Application status conflict' },
    detail: {
      zh: '该注册申请当前状态为“{currentStatusText}”，不能执行此操作（只有待审核的申请可以审核或撤回）。',
      en: 'The application is {currentStatus}; only a pending application can be decided or withdrawn.',
    },
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
  BINDING_NOT_ACTIVE: {
    status: 409,
    title: { zh: '绑定已失效', en: 'Binding no longer active' },
    detail: {
      zh: '该绑定已被撤销或已被取代（状态：{status}），无需再撤销。请刷新该组织的绑定列表。',
      en: 'This binding has already been revoked or superseded (status: {status}); there is nothing to revoke. Reload the organization\'s bindings.',
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

import { ErrorCode } from './error-codes';

/** A message in both languages we answer in. zh-CN is the default. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

/**
 * How one error code is presented and documented: HTTP status, short title, a detail template,
 * and the documentation its problem-type page (`GET /problems/{type}`, RFC 9457 §3.1.1) shows.
 */
export interface ErrorDefinition {
  readonly status: number;
  readonly title: LocalizedText;
  /** Template with `{name}` placeholders filled from the error's params. */
  readonly detail: LocalizedText;
  /** When the service answers with this problem. */
  readonly when: LocalizedText;
  /** What the caller (or the user through it) can do about it. */
  readonly action: LocalizedText;
  /** Extension members the problem document carries besides the standard ones, by name. */
  readonly extensions?: Readonly<Record<string, LocalizedText>>;
  /** Response headers the problem comes with (e.g. `Retry-After`), by name. */
  readonly headers?: Readonly<Record<string, LocalizedText>>;
}

/**
 * Every error code's status, wording and documentation: the one source of the problem+json
 * answers, of the problem-type pages (`src/problems/`), of the OpenAPI `x-problem-types` list
 * and of docs/problem-types.md. The wording helps the user act, in the spirit of the
 * province's guide (who to contact, what to check).
 */
export const ERROR_CATALOG: Record<ErrorCode, ErrorDefinition> = {
  VALIDATION_FAILED: {
    status: 400,
    title: { zh: '请求参数不正确', en: 'Request validation failed' },
    detail: { zh: '请按 errors 中列出的字段逐项修改后重试。', en: 'Correct the fields listed in errors and try again.' },
    when: { zh: '请求体、查询参数或路径参数中有字段缺失、格式不对或取值不在允许范围内。', en: 'A field of the body, query or path is missing, malformed or out of range.' },
    action: { zh: '按 errors 中列出的字段逐项修改后重发；不要原样重试。', en: 'Fix each field listed in errors and send again; do not retry unchanged.' },
    extensions: {
      errors: { zh: '被拒字段列表：[{field, code, message}]，field 为点分路径，code 为未通过的约束名。', en: 'Rejected fields: [{field, code, message}]; field is a dotted path, code the failed constraint.' },
    },
  },
  MALFORMED_REQUEST: {
    status: 400,
    title: { zh: '请求格式不正确', en: 'Malformed request' },
    detail: { zh: '请求无法解析：请求行、请求头或请求体（JSON）格式不正确。', en: 'The request cannot be parsed: its request line, headers or (JSON) body are malformed.' },
    when: {
      zh: '请求体不是有效的 JSON；请求行、请求头无法解析（如未知的请求方法、请求头中的换行）；HTTP/1.1 请求缺少 Host 请求头；或地址编码无效。HTTP 解析器拒绝的请求，其 type 为相对地址 /problems/malformed-request（请求头未被读取）。',
      en: 'The body is not valid JSON; the request line or headers cannot be parsed (an unknown method, a line break inside a header); an HTTP/1.1 request has no Host header; or the URL is badly encoded. When the HTTP parser refused the request its type is the relative /problems/malformed-request (no header was read).',
    },
    action: { zh: '检查客户端构造请求的代码，修正后重发。', en: 'Check how the client builds the request, fix it and send again.' },
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    title: { zh: '请求头过大', en: 'Request header fields too large' },
    detail: { zh: '请求头总大小超过了服务允许的上限。', en: 'The request headers exceed the size the service accepts.' },
    when: {
      zh: '请求头合计超过 Node.js 的上限（16 KiB），常见原因是过大的令牌或 Cookie。HTTP 解析器在读取请求头之前拒绝，因此 type 为相对地址。',
      en: 'The headers together exceed Node.js\'s limit (16 KiB), usually an oversized token or cookie. The HTTP parser refuses it before any header is read, so type is relative.',
    },
    action: { zh: '减小请求头（令牌不应超过 PLATFORM_MAX_TOKEN_BYTES），去掉不需要的 Cookie 后重发。', en: 'Send smaller headers (a token stays within PLATFORM_MAX_TOKEN_BYTES), drop cookies the service does not need.' },
  },
  REQUEST_TIMEOUT: {
    status: 408,
    title: { zh: '请求超时', en: 'Request timeout' },
    detail: { zh: '客户端未能在规定时间内发送完整的请求。', en: 'The client did not send the whole request in time.' },
    when: {
      zh: '客户端发送请求的时间超过 HTTP_REQUEST_TIMEOUT_MS（慢速客户端）。连接随后关闭；type 为相对地址。',
      en: 'Sending the request took longer than HTTP_REQUEST_TIMEOUT_MS (a slow client). The connection is closed; type is relative.',
    },
    action: { zh: '检查网络，在新连接上重发请求。', en: 'Check the network and send the request again on a new connection.' },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: { zh: '请求体过大', en: 'Payload too large' },
    detail: { zh: '请求体超过了允许的大小。', en: 'The request body exceeds the allowed size.' },
    when: { zh: '请求体超过服务允许的大小。', en: 'The request body exceeds the size the service accepts.' },
    action: { zh: '减小请求体（只发送接口定义的字段）后重发。', en: 'Send a smaller body (only the fields the operation defines).' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: { zh: '不支持的内容类型', en: 'Unsupported media type' },
    detail: { zh: '请使用 Content-Type: application/json。', en: 'Send Content-Type: application/json.' },
    when: { zh: '请求体的 Content-Type 不是 application/json。', en: 'The body\'s Content-Type is not application/json.' },
    action: { zh: '以 Content-Type: application/json 发送 JSON 请求体。', en: 'Send the JSON body with Content-Type: application/json.' },
  },
  NOT_FOUND: {
    status: 404,
    title: { zh: '资源不存在', en: 'Not found' },
    detail: { zh: '请求的资源不存在，或您无权查看。', en: 'The requested resource does not exist or is not visible to you.' },
    when: { zh: '请求的地址或资源不存在，或调用方无权看到它（不区分这两种情况，以免泄露信息）。', en: 'The path or resource does not exist, or the caller may not see it (the two are not told apart, so nothing leaks).' },
    action: { zh: '核对地址和编号；资源确应存在时，核对调用方的权限范围。', en: 'Check the path and the id; if the resource should exist, check the caller\'s scope.' },
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: { zh: '不支持的请求方法', en: 'Method not allowed' },
    detail: { zh: '该地址不支持此请求方法。', en: 'This method is not supported on this resource.' },
    when: { zh: '该地址存在，但不支持此 HTTP 方法。', en: 'The path exists but does not support this HTTP method.' },
    action: { zh: '按 OpenAPI 文档使用正确的方法。', en: 'Use the method the OpenAPI document gives.' },
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    title: { zh: '请求过于频繁', en: 'Too many requests' },
    detail: { zh: '请求过于频繁，请在 {retryAfterSeconds} 秒后重试。', en: 'Too many requests; retry in {retryAfterSeconds} seconds.' },
    when: { zh: '同一调用方在短时间内请求过多，超过了限流阈值。', en: 'The caller sent too many requests in a short time and hit the rate limit.' },
    action: { zh: '等待 Retry-After 秒后再试；不要立即重试。', en: 'Wait Retry-After seconds before trying again; do not retry at once.' },
    extensions: {
      retryAfterSeconds: { zh: '需要等待的秒数（与 Retry-After 响应头一致）。', en: 'Seconds to wait (the same as the Retry-After header).' },
    },
    headers: {
      'Retry-After': { zh: '需要等待的秒数。', en: 'Seconds to wait.' },
    },
  },
  INTERNAL_ERROR: {
    status: 500,
    title: { zh: '服务内部错误', en: 'Internal error' },
    detail: { zh: '服务暂时出现问题，请稍后重试；如持续出现，请联系运维人员并提供请求编号。', en: 'Something went wrong on our side. Retry later; if it persists, contact operations with the request id.' },
    when: { zh: '服务内部出现了未预料的错误；细节只记录在日志中，不返回给调用方。', en: 'Something unexpected failed inside the service; details go to the log only, never to the caller.' },
    action: { zh: '稍后重试；如持续出现，请联系运维人员并提供 requestId。', en: 'Retry later; if it persists, give operations the requestId.' },
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: { zh: '服务暂不可用', en: 'Service unavailable' },
    detail: { zh: '服务暂时不可用，请稍后重试。', en: 'The service is temporarily unavailable; retry later.' },
    when: { zh: '数据库暂时不可用或过慢、服务正在停止，或请求处理超时。', en: 'The database is unavailable or too slow, the service is shutting down, or the request timed out.' },
    action: { zh: '等待 Retry-After 秒后重试（可能由另一个副本处理）。', en: 'Retry after Retry-After seconds (another replica may answer).' },
    extensions: {
      checks: { zh: '仅就绪探针（/health/ready）返回：各项检查的状态。', en: 'Readiness probe (/health/ready) only: the status of each check.' },
    },
    headers: {
      'Retry-After': { zh: '建议的重试等待秒数。', en: 'Suggested seconds before retrying.' },
    },
  },
  PLATFORM_UNAVAILABLE: {
    status: 503,
    title: { zh: '统一身份认证平台暂不可用', en: 'Identity platform unavailable' },
    detail: { zh: '暂时无法向统一身份认证平台核验令牌，请稍后重试。', en: 'The token cannot be checked with the identity platform right now; retry later.' },
    when: {
      zh: '令牌须向平台核验（PLATFORM_TOKEN_MODE 为 introspection 或 userinfo），而平台在 PLATFORM_REQUEST_TIMEOUT_MS 内没有应答、应答出错，或拒绝了本服务的客户端凭据。令牌本身未被判定为无效。',
      en: 'The token must be checked with the platform (PLATFORM_TOKEN_MODE introspection or userinfo) and the platform did not answer within PLATFORM_REQUEST_TIMEOUT_MS, answered with an error, or refused this service\'s client credentials. The token itself was not found invalid.',
    },
    action: {
      zh: '等待 Retry-After 秒后重试同一请求；持续出现时，运维人员核对平台的可用性与 PLATFORM_INTROSPECTION_ENDPOINT / PLATFORM_USERINFO_ENDPOINT / PLATFORM_CLIENT_* 配置（见 orgbind_platform_requests_total 指标）。',
      en: 'Retry the same request after Retry-After seconds; if it persists, operators check the platform and the PLATFORM_INTROSPECTION_ENDPOINT / PLATFORM_USERINFO_ENDPOINT / PLATFORM_CLIENT_* settings (metric orgbind_platform_requests_total).',
    },
    headers: {
      'Retry-After': { zh: '建议的重试等待秒数（PLATFORM_UNAVAILABLE_RETRY_AFTER_SECONDS）。', en: 'Suggested seconds before retrying (PLATFORM_UNAVAILABLE_RETRY_AFTER_SECONDS).' },
    },
  },
  TOKEN_MISSING: {
    status: 401,
    title: { zh: '缺少身份令牌', en: 'Token missing' },
    detail: { zh: '请先通过辽宁省统一身份认证平台登录，并在 Authorization 头中携带 Bearer 令牌。', en: 'Log in through the provincial identity platform and send its token as an Authorization: Bearer header.' },
    when: { zh: '请求没有携带 Authorization: Bearer 令牌。', en: 'The request carries no Authorization: Bearer token.' },
    action: { zh: '让用户通过统一身份认证平台登录，并以 Bearer 令牌调用。', en: 'Have the user log in through the identity platform and call with its token as Bearer.' },
  },
  TOKEN_INVALID: {
    status: 401,
    title: { zh: '身份令牌无效', en: 'Token invalid' },
    detail: { zh: '身份令牌无效，请重新登录统一身份认证平台。', en: 'The token is not valid; log in to the identity platform again.' },
    when: { zh: '令牌签名、签发方、受众或算法校验失败，或签名密钥未知；不透明令牌：平台答复其已失效（active: false，如已注销或过期）或类型、签发方、受众不符。', en: 'The token\'s signature, issuer, audience or algorithm does not verify, or its key is unknown; an opaque token: the platform answers it is not active (revoked or expired) or its type, issuer or audience do not match.' },
    action: { zh: '让用户重新登录统一身份认证平台以获取新令牌；持续出现时核对 PLATFORM_* 配置。', en: 'Have the user log in again for a new token; if it persists, check the PLATFORM_* settings.' },
  },
  TOKEN_EXPIRED: {
    status: 401,
    title: { zh: '身份令牌已过期', en: 'Token expired' },
    detail: { zh: '登录已过期，请重新登录统一身份认证平台。', en: 'The login has expired; log in to the identity platform again.' },
    when: { zh: '令牌已过期（已计入允许的时钟偏差）。', en: 'The token has expired (allowing for the configured clock skew).' },
    action: { zh: '让用户重新登录统一身份认证平台。', en: 'Have the user log in to the identity platform again.' },
  },
  TOKEN_CLAIMS_INVALID: {
    status: 401,
    title: { zh: '身份令牌信息不完整', en: 'Token claims invalid' },
    detail: { zh: '身份令牌缺少必要的用户信息（如用户类型），请重新登录统一身份认证平台。', en: 'The token lacks required user information (such as the user type); log in to the identity platform again.' },
    when: { zh: '令牌签名有效，但缺少必要的声明（如用户类型、名称、证件号码）或其格式不对。', en: 'The token verifies but lacks a required claim (user type, name, ID number) or carries it malformed.' },
    action: { zh: '让用户重新登录；持续出现时核对 CLAIM_* 声明映射配置。', en: 'Have the user log in again; if it persists, check the CLAIM_* claim mapping.' },
  },
  FORBIDDEN: {
    status: 403,
    title: { zh: '无权操作', en: 'Forbidden' },
    detail: { zh: '您没有执行此操作的权限。', en: 'You are not allowed to perform this operation.' },
    when: { zh: '调用方已通过认证，但无权执行此操作（例如登记管理机关工作人员审核本人提交的申请、越出管辖范围）。', en: 'The caller is authenticated but may not do this (e.g. a registrar deciding their own application or outside their jurisdiction).' },
    action: { zh: '换用有权限的账户，或请管理员授予相应权限。', en: 'Use an account that may do it, or ask an administrator for the permission.' },
    extensions: {
      reason: { zh: '可选：拒绝原因代码，例如 OWN_APPLICATION。', en: 'Optional: why, e.g. OWN_APPLICATION.' },
    },
  },
  USER_TYPE_NOT_ALLOWED: {
    status: 403,
    title: { zh: '用户类型不符', en: 'User type not allowed' },
    detail: { zh: '此操作需要{expected}用户登录。', en: 'This operation requires a {expected} user.' },
    when: { zh: '该操作只允许某类用户（自然人用户或法人用户），而令牌的用户类型不是它。', en: 'The operation is for one user type (natural-person or legal-person) and the token is of another.' },
    action: { zh: '按 detail 的提示，以正确类型的用户登录统一身份认证平台。', en: 'Log in to the identity platform as the user type detail names.' },
  },
  PRECONDITION_FAILED: {
    status: 412,
    title: { zh: '数据已被更新', en: 'Precondition failed' },
    detail: {
      zh: '您看到的版本（{sentETag}）已不是最新版本（当前为 {currentETag}），可能已有其他人处理。请刷新后重新查看再操作。',
      en: 'The version you saw ({sentETag}) is no longer current ({currentETag}); someone may have acted on it. Reload it and decide again.',
    },
    when: { zh: 'If-Match 中的 ETag 已不是当前版本：资源已被他人修改或处理。', en: 'The If-Match ETag is no longer current: someone else changed or decided the resource.' },
    action: { zh: '重新读取资源（获取新的 ETag），确认后再操作。', en: 'Read the resource again (new ETag), check it, then act.' },
    extensions: {
      currentVersion: { zh: '资源的当前版本号。', en: 'The resource\'s current version number.' },
    },
    headers: {
      'ETag': { zh: '资源当前版本的 ETag。', en: 'The ETag of the current version.' },
    },
  },
  PRECONDITION_REQUIRED: {
    status: 428,
    title: { zh: '缺少版本条件', en: 'Precondition required' },
    detail: {
      zh: '此操作须在 If-Match 请求头中携带您所查看版本的 ETag（如 W/"1"），以免覆盖他人的处理结果。',
      en: 'Send the ETag of the version you saw in an If-Match header (e.g. W/"1"), so that you never overwrite someone else\'s decision.',
    },
    when: { zh: '修改类请求没有携带 If-Match 请求头。', en: 'A request that changes a resource carries no If-Match header.' },
    action: { zh: '先读取资源，在 If-Match 中携带其 ETag 后重发。', en: 'Read the resource first and send its ETag in If-Match.' },
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    title: { zh: '缺少幂等键', en: 'Idempotency key required' },
    detail: {
      zh: '提交注册申请须携带 Idempotency-Key 请求头（建议使用新生成的 UUID），重试时使用同一个值，以免重复提交。',
      en: 'Send an Idempotency-Key header (a freshly generated UUID is best) and reuse it when retrying, so that a retry never files a second application.',
    },
    when: { zh: '提交注册申请时没有携带 Idempotency-Key 请求头。', en: 'A registration application was submitted without an Idempotency-Key header.' },
    action: { zh: '生成一个新的 UUID 作为 Idempotency-Key；重试时使用同一个值。', en: 'Generate a fresh UUID as Idempotency-Key and reuse it when retrying.' },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: { zh: '幂等键已用于其他请求', en: 'Idempotency key reused' },
    detail: {
      zh: '此 Idempotency-Key 已用于内容不同的另一次提交。重试时请保持内容不变；提交新内容请使用新的 Idempotency-Key。',
      en: 'This Idempotency-Key was already used for a submission with different content. Retry with the same content, or use a new key for new content.',
    },
    when: { zh: '同一 Idempotency-Key 已用于内容不同的另一次提交。', en: 'The same Idempotency-Key was used before for a submission with different content.' },
    action: { zh: '重试时保持内容不变；提交新内容时使用新的 Idempotency-Key。', en: 'Retry with the same content, or use a new key for new content.' },
  },
  DIVISION_NOT_FOUND: {
    status: 422,
    title: { zh: '行政区划不存在', en: 'Division not found' },
    detail: {
      zh: '“登记机关所属地”{divisionCode} 不是辽宁省现行的行政区划代码，请重新选择。',
      en: 'Division {divisionCode} is not a current Liaoning division code (GB/T 2260); choose it again.',
    },
    when: { zh: '“登记机关所属地”不是辽宁省现行的行政区划代码（GB/T 2260）。', en: 'The division code is not a current Liaoning division code (GB/T 2260).' },
    action: { zh: '从行政区划接口重新选择所属地。', en: 'Choose the division again from the divisions endpoint.' },
  },
  AUTHORITY_NOT_FOUND: {
    status: 422,
    title: { zh: '登记管理机关不存在', en: 'Registration authority not found' },
    detail: {
      zh: '登记管理机关 {authorityCode} 不存在或已停止受理注册申请，请重新选择；如有疑问请先咨询登记管理机关。',
      en: 'Registration authority {authorityCode} does not exist or no longer accepts applications; choose it again, or ask the authority first.',
    },
    when: { zh: '登记管理机关代码不存在或该机关已停止受理。', en: 'The registration authority code does not exist or the authority no longer accepts applications.' },
    action: { zh: '从登记管理机关列表重新选择；有疑问时先咨询登记管理机关。', en: 'Choose again from the authority list; ask the authority when in doubt.' },
    extensions: {
      authorityCodes: { zh: '可选：未找到的登记管理机关代码列表。', en: 'Optional: the authority codes not found.' },
    },
  },
  AUTHORITY_NOT_IN_DIVISION: {
    status: 422,
    title: { zh: '登记管理机关与所属地不一致', en: 'Authority not in the division' },
    detail: {
      zh: '所选登记管理机关“{authorityName}”不属于所选“登记机关所属地”{divisionCode}，而属于 {authorityDivisionCode}。所属地选错，对应的登记机关将无法收到申请（操作指南图10注1），请重新选择。',
      en: 'The chosen authority "{authorityName}" is not in division {divisionCode} but in {authorityDivisionCode}. With a wrong division the authority never receives the application (guide, 图10 note 1); choose again.',
    },
    when: { zh: '所选登记管理机关不属于所选“登记机关所属地”（操作指南图10注1）。', en: 'The chosen authority is not in the chosen division (guide, 图10 note 1).' },
    action: { zh: '按所属地重新选择登记管理机关。', en: 'Choose the authority again for the division.' },
    extensions: {
      authorityDivisionCode: { zh: '所选登记管理机关实际所属的行政区划代码。', en: 'The division code the chosen authority belongs to.' },
    },
  },
  NAME_INVALID_CHARACTERS: {
    status: 422,
    title: { zh: '名称含有不可见字符', en: 'Name contains invisible characters' },
    detail: {
      zh: '拟成立社会组织名称第 {positions} 个字符为控制字符或零宽字符等不可见字符（{codePoints}），登记证书名称不会包含这些字符。请删除后重新输入名称（多字少字错字都不可以）。',
      en: 'Characters {positions} of the proposed name are control, zero-width or other invisible characters ({codePoints}), which no certificate name contains. Delete them and type the name again, exactly.',
    },
    when: { zh: '拟成立社会组织名称含有控制字符、零宽字符等不可见字符。', en: 'The proposed name contains control, zero-width or other invisible characters.' },
    action: { zh: '删除这些字符，按登记证书一字不差地重新输入名称。', en: 'Delete them and type the name again exactly as on the certificate.' },
    extensions: {
      forbiddenCharacters: { zh: '[{position, codePoint, kind}]：每个不可见字符的位置（从 1 开始）、码位（U+XXXX）和类别。', en: '[{position, codePoint, kind}]: each invisible character\'s 1-based position, code point (U+XXXX) and kind.' },
    },
  },
  NAME_TAKEN: {
    status: 409,
    title: { zh: '名称已被使用', en: 'Name taken' },
    detail: {
      zh: '名称“{proposedName}”已被已登记的社会组织或待审核的注册申请使用。请核对拟定名称；如确认无误，请咨询登记管理机关。',
      en: 'The name "{proposedName}" is already used by a registered organization or a pending application. Check the proposed name; if it is right, ask the registration authority.',
    },
    when: { zh: '名称已被已登记的社会组织或待审核的注册申请使用。', en: 'The name is used by a registered organization or a pending application.' },
    action: { zh: '核对拟定名称；确认无误时咨询登记管理机关。', en: 'Check the proposed name; if it is right, ask the registration authority.' },
  },
  APPLICATION_ALREADY_PENDING: {
    status: 409,
    title: { zh: '已有待审核的申请', en: 'Application already pending' },
    detail: {
      zh: '您已有一份待审核的注册申请（提交至{authorityName}）。请等待初审结果；如需修改，请先撤回该申请再重新提交。',
      en: 'You already have a pending registration application (sent to {authorityName}). Wait for the review, or withdraw it first to file a corrected one.',
    },
    when: { zh: '该账户已有一份待审核的注册申请。', en: 'The account already has a pending registration application.' },
    action: { zh: '等待初审结果，或先撤回该申请再重新提交。', en: 'Wait for the review, or withdraw it first and file again.' },
    extensions: {
      pendingApplicationId: { zh: '待审核申请的编号。', en: 'The id of the pending application.' },
    },
  },
  ALREADY_BOUND: {
    status: 409,
    title: { zh: '账号已绑定社会组织', en: 'Account already bound' },
    detail: {
      zh: '该统一身份认证账号已绑定社会组织，不能再提交注册申请或再次绑定。如需变更，请联系登记管理机关。',
      en: 'This platform account is already bound to an organization; it cannot file an application or be bound again. Contact the registration authority to change it.',
    },
    when: { zh: '该统一身份认证账号已绑定社会组织。', en: 'The platform account is already bound to an organization.' },
    action: { zh: '直接以已绑定的账户使用系统；如需变更，请联系登记管理机关。', en: 'Use the bound account; contact the registration authority to change it.' },
    extensions: {
      organization: { zh: '已绑定的社会组织（编号、名称、统一社会信用代码、状态）。', en: 'The bound organization (id, name, USCC, status).' },
    },
  },
  APPLICATION_STATUS_CONFLICT: {
    status: 409,
    title: { zh: '申请状态不允许此操作', en: 'Application status conflict' },
    detail: {
      zh: '该注册申请当前状态为“{currentStatusText}”，不能执行此操作（只有待审核的申请可以审核或撤回）。',
      en: 'The application is {currentStatus}; only a pending application can be decided or withdrawn.',
    },
    when: { zh: '注册申请已不是待审核状态，不能再审核或撤回。', en: 'The application is no longer pending, so it cannot be decided or withdrawn.' },
    action: { zh: '刷新申请，查看其当前状态。', en: 'Reload the application and look at its current status.' },
    extensions: {
      currentStatus: { zh: '申请的当前状态。', en: 'The application\'s current status.' },
    },
  },
  ORGANIZATION_TRANSITION_INVALID: {
    status: 409,
    title: { zh: '社会组织状态不允许此变更', en: 'Organization status transition not allowed' },
    detail: {
      zh: '该社会组织当前状态为 {currentStatus}，不能变更为 {requestedStatus}（拟成立 → 已成立 → 已注销；拟成立 → 已注销）。请先核对管理系统中的登记状态。',
      en: 'The organization is {currentStatus} and cannot become {requestedStatus} (in_formation → established → deregistered; in_formation → deregistered). Check the registration status in the management system.',
    },
    when: { zh: '请求的社会组织状态变更不在允许的生命周期内（拟成立 → 已成立 → 已注销；拟成立 → 已注销）。', en: 'The requested status change is outside the lifecycle (in_formation → established → deregistered; in_formation → deregistered).' },
    action: { zh: '核对管理系统中的登记状态后再同步。', en: 'Check the registration status in the management system, then sync again.' },
    extensions: {
      currentStatus: { zh: '当前状态。', en: 'The current status.' },
      requestedStatus: { zh: '请求的状态。', en: 'The requested status.' },
      organizationId: { zh: '社会组织编号。', en: 'The organization id.' },
    },
  },
  USCC_INVALID: {
    status: 422,
    title: { zh: '统一社会信用代码不正确', en: 'USCC not valid' },
    detail: {
      zh: '统一社会信用代码“{uscc}”不符合 GB 32100-2015（{rule}）：{reason}请按法人登记证书核对后重新提交。',
      en: 'USCC "{uscc}" does not conform to GB 32100-2015 ({rule}): {reason} Check it against the registration certificate and send it again.',
    },
    when: { zh: '统一社会信用代码不符合 GB 32100-2015（长度、字符集、登记管理部门码、机构类别码、行政区划码或校验码）。', en: 'The USCC does not conform to GB 32100-2015 (length, character set, department code, category code, division code or check character).' },
    action: { zh: '按法人登记证书核对代码后重发。', en: 'Check the code against the registration certificate and send again.' },
    extensions: {
      usccCheck: { zh: '{rule, message, position?}：未通过的规则、说明和出错位置（从 1 开始）。', en: '{rule, message, position?}: the failed rule, its explanation and the 1-based position.' },
    },
  },
  USCC_ALREADY_REGISTERED: {
    status: 409,
    title: { zh: '统一社会信用代码已被登记', en: 'USCC already registered' },
    detail: {
      zh: '统一社会信用代码 {uscc} 已登记给另一个社会组织（一个代码只对应一个社会组织）。请核对代码，或先更正另一条登记记录。',
      en: 'USCC {uscc} is already registered to another organization (one code, one organization). Check the code, or correct the other record first.',
    },
    when: { zh: '统一社会信用代码已登记给另一个社会组织（一个代码只对应一个社会组织）。', en: 'The USCC is registered to another organization (one code, one organization).' },
    action: { zh: '核对代码，或先更正另一条登记记录。', en: 'Check the code, or correct the other record first.' },
  },
  REGISTRATION_AUTHORITY_NOT_FOUND: {
    status: 422,
    title: { zh: '登记管理机关不存在', en: 'Registration authority not found' },
    detail: {
      zh: '登记管理机关代码“{authorityCode}”不存在。请先同步登记管理机关名录，或核对代码。',
      en: 'There is no registration authority with code "{authorityCode}". Synchronise the authority roster first, or check the code.',
    },
    when: { zh: '登记记录引用了不存在的登记管理机关代码。', en: 'A registry record refers to a registration authority code that does not exist.' },
    action: { zh: '先同步登记管理机关名录，或核对代码。', en: 'Synchronise the authority roster first, or check the code.' },
  },
  SESSION_ACTIVE_ELSEWHERE: {
    status: 409,
    title: { zh: '该账户已在其他地方登录', en: 'Account logged in elsewhere' },
    detail: {
      zh: '该账户已于 {startedAt} 在其他地方（{clientIp}，{device}）登录。为保证一个账户只能在一台电脑上登录，继续登录将使对方下线；确认后请以 takeover: true 重新登录。',
      en: 'This account has been logged in elsewhere since {startedAt} ({clientIp}, {device}). One account may be logged in on one computer only: continuing logs the other session out; to confirm, log in again with takeover: true.',
    },
    when: { zh: '该社会组织账户已在其他地方登录，策略允许确认后接管。', en: 'The organization account is logged in elsewhere and the policy allows taking over after confirmation.' },
    action: { zh: '向用户展示对方会话信息；用户确认后以 takeover: true 重新登录。', en: 'Show the user the other session; after they confirm, log in again with takeover: true.' },
    extensions: {
      activeSession: { zh: '对方会话：开始时间、掩码后的 IP、设备、到期时间、是否同一平台账号。', en: 'The other session: start, masked IP, device, expiry, whether it is the same platform account.' },
      takeoverAllowed: { zh: '是否允许接管（此处为 true）。', en: 'Whether taking over is allowed (true here).' },
      policy: { zh: '单会话策略名。', en: 'The single-session policy.' },
    },
  },
  SESSION_LIMIT_REACHED: {
    status: 409,
    title: { zh: '该账户已在其他地方登录', en: 'Account logged in elsewhere' },
    detail: {
      zh: '该账户已于 {startedAt} 在其他地方（{clientIp}，{device}）登录，本系统不允许同时登录。请先在原处退出登录，或等待其超时（{expiresAt}）后重试。',
      en: 'This account has been logged in elsewhere since {startedAt} ({clientIp}, {device}) and concurrent logins are not allowed. Log out there first, or wait until it times out ({expiresAt}).',
    },
    when: { zh: '该社会组织账户已在其他地方登录，策略不允许接管。', en: 'The organization account is logged in elsewhere and the policy does not allow taking over.' },
    action: { zh: '请用户先在原处退出登录，或等待对方会话超时。', en: 'Ask the user to log out there first, or to wait until that session times out.' },
    extensions: {
      activeSession: { zh: '对方会话：开始时间、掩码后的 IP、设备、到期时间、是否同一平台账号。', en: 'The other session: start, masked IP, device, expiry, whether it is the same platform account.' },
      takeoverAllowed: { zh: '是否允许接管（此处为 false）。', en: 'Whether taking over is allowed (false here).' },
      policy: { zh: '单会话策略名。', en: 'The single-session policy.' },
    },
  },
  SESSION_REQUIRES_BOUND_ACCOUNT: {
    status: 403,
    title: { zh: '尚不能登录该社会组织账户', en: 'No bound organization account' },
    detail: {
      zh: '只有已绑定且状态正常的社会组织账户才能登录（当前结果：{resolutionStatus}）。请按 resolution.message 的提示操作。',
      en: 'Only a bound organization account in good standing can log in (current resolution: {resolutionStatus}). Follow resolution.message.',
    },
    when: { zh: '用户的身份解析结果不是“已绑定”，不能打开社会组织账户会话。', en: 'The user\'s resolution is not bound, so no organization-account session can open.' },
    action: { zh: '按 resolution.message 的提示引导用户（绑定、注册申请或改用法人用户）。', en: 'Guide the user by resolution.message (bind, apply, or use a legal-person user).' },
    extensions: {
      resolution: { zh: '{status, message}：当前的解析结果。', en: '{status, message}: the current resolution.' },
    },
  },
  INVALID_CREDENTIALS: {
    status: 403,
    title: { zh: '原系统登录名或密码不正确', en: 'Legacy login name or password incorrect' },
    detail: {
      zh: '登录名或密码不正确。请确认填写的是原社会组织管理信息系统中登记管理机关分配的登录名和密码；连续多次错误将被临时锁定。如无法自行核对，请联系所属登记管理机关查询。',
      en: 'The login name or password is incorrect. Use the login name and password the registration authority issued in the old management system; repeated failures lock binding temporarily. If you cannot check them yourself, ask your registration authority.',
    },
    when: { zh: '原系统登录名或密码不正确。', en: 'The legacy login name or password is incorrect.' },
    action: { zh: '请用户核对登记管理机关分配的原系统登录名和密码；连续错误会被临时锁定。', en: 'Have the user check the legacy login name and password the authority issued; repeated failures lock binding.' },
    extensions: {
      remainingAttempts: { zh: '锁定前还可尝试的次数。', en: 'Attempts left before the lock.' },
      retryAt: { zh: '可选：本次失败触发锁定时，解锁时间（ISO 8601）。', en: 'Optional, when this failure locks: when it unlocks (ISO 8601).' },
      retryAfterSeconds: { zh: '可选：本次失败触发锁定时，解锁前的秒数。', en: 'Optional, when this failure locks: seconds until it unlocks.' },
    },
    headers: {
      'Retry-After': { zh: '本次失败触发锁定时：解锁前的秒数。', en: 'When this failure locks: seconds until it unlocks.' },
    },
  },
  ACCOUNT_TEMPORARILY_LOCKED: {
    status: 429,
    title: { zh: '绑定已被临时锁定', en: 'Binding temporarily locked' },
    detail: {
      zh: '因密码连续错误次数过多，绑定已被临时锁定，请于 {retryAt}（北京时间，约 {retryAfterSeconds} 秒后）再试。锁定期间不会校验密码；如需提前解锁，请联系所属登记管理机关。',
      en: 'Too many wrong passwords: binding is locked until {retryAt} (Beijing time, in about {retryAfterSeconds} seconds). Passwords are not checked while locked; to unlock sooner, contact your registration authority.',
    },
    when: { zh: '密码连续错误过多，绑定被临时锁定；锁定期间不校验密码。', en: 'Too many wrong passwords locked binding for a while; passwords are not checked meanwhile.' },
    action: { zh: '在 retryAt 之后再试，或联系登记管理机关提前解锁。', en: 'Try again after retryAt, or ask the registration authority to unlock sooner.' },
    extensions: {
      retryAt: { zh: '解锁时间（ISO 8601）。', en: 'When it unlocks (ISO 8601).' },
      retryAfterSeconds: { zh: '解锁前的秒数。', en: 'Seconds until it unlocks.' },
      lockedBy: { zh: '触发锁定的对象：legacy_login（原系统登录名）和/或 platform_account（统一身份认证账号）。', en: 'What is locked: legacy_login (the legacy login name) and/or platform_account (the platform account).' },
    },
    headers: {
      'Retry-After': { zh: '解锁前的秒数。', en: 'Seconds until it unlocks.' },
    },
  },
  BINDING_NOT_ACTIVE: {
    status: 409,
    title: { zh: '绑定已失效', en: 'Binding no longer active' },
    detail: {
      zh: '该绑定已被撤销或已被取代（状态：{status}），无需再撤销。请刷新该组织的绑定列表。',
      en: 'This binding has already been revoked or superseded (status: {status}); there is nothing to revoke. Reload the organization\'s bindings.',
    },
    when: { zh: '要撤销的绑定已被撤销或已被取代。', en: 'The binding to revoke has already been revoked or superseded.' },
    action: { zh: '刷新该组织的绑定列表。', en: 'Reload the organization\'s bindings.' },
    extensions: {
      bindingStatus: { zh: '绑定的当前状态。', en: 'The binding\'s current status.' },
    },
  },
  LEGACY_ACCOUNT_DISABLED: {
    status: 403,
    title: { zh: '原系统账号已停用', en: 'Legacy account disabled' },
    detail: {
      zh: '该原系统账号已被登记管理机关停用，无法绑定。请联系所属登记管理机关。',
      en: 'The registration authority has disabled this legacy account; it cannot be bound. Contact your registration authority.',
    },
    when: { zh: '原系统账号已被登记管理机关停用。', en: 'The registration authority disabled the legacy account.' },
    action: { zh: '请用户联系所属登记管理机关。', en: 'Have the user contact their registration authority.' },
  },
  LEGACY_ACCOUNT_ALREADY_BOUND: {
    status: 409,
    title: { zh: '原系统账号已被绑定', en: 'Legacy account already bound' },
    detail: {
      zh: '该原系统账号已绑定到另一个统一身份认证账号。如非本单位人员操作，请联系所属登记管理机关核实处理。',
      en: 'This legacy account is already bound to another platform account. If that was not someone of your organization, contact your registration authority.',
    },
    when: { zh: '原系统账号已绑定到另一个统一身份认证账号。', en: 'The legacy account is already bound to another platform account.' },
    action: { zh: '如非本单位人员操作，请联系登记管理机关核实（可由其撤销原绑定）。', en: 'If that was not someone of the organization, contact the registration authority (it can revoke that binding).' },
  },
  ORGANIZATION_NAME_MISMATCH: {
    status: 422,
    title: { zh: '社会组织名称不一致', en: 'Organization name mismatch' },
    detail: {
      zh: '填写的社会组织名称与登记管理机关分配的名称不一致（必须一字不差）：{detail}请核对后重新填写。',
      en: 'The organization name differs from the one the registration authority assigned (it must match exactly): {detail} Check it and try again.',
    },
    when: { zh: '填写的社会组织名称与登记的名称不一致（必须一字不差）。', en: 'The organization name given differs from the registered one (it must match exactly).' },
    action: { zh: '按 nameMismatch 的提示核对名称后重试。', en: 'Check the name as nameMismatch shows and try again.' },
    extensions: {
      organization: { zh: '原系统账号对应的社会组织。', en: 'The organization of the legacy account.' },
      nameMismatch: { zh: '名称差异：不一致的位置与字符。', en: 'How the names differ: positions and characters.' },
    },
  },
  ORGANIZATION_DEREGISTERED: {
    status: 409,
    title: { zh: '社会组织已注销', en: 'Organization deregistered' },
    detail: {
      zh: '社会组织“{organizationName}”已注销，无法绑定。如有疑问，请联系登记管理机关。',
      en: 'The organization "{organizationName}" has been deregistered and cannot be bound. Contact the registration authority with questions.',
    },
    when: { zh: '原系统账号对应的社会组织已注销。', en: 'The legacy account\'s organization has been deregistered.' },
    action: { zh: '无需再绑定；有疑问请联系登记管理机关。', en: 'There is nothing to bind; ask the registration authority with questions.' },
    extensions: {
      organization: { zh: '已注销的社会组织。', en: 'The deregistered organization.' },
    },
  },
  LEGAL_PERSON_ACCOUNT_REQUIRED: {
    status: 403,
    title: { zh: '请使用法人用户登录', en: 'Legal-person account required' },
    detail: {
      zh: '社会组织“{organizationName}”已完成成立登记，不能再绑定原系统账号。请在统一身份认证平台注册法人用户（名称与法人登记证书一字不差，统一社会信用代码 {uscc}），今后以法人用户登录。',
      en: 'The organization "{organizationName}" is established and can no longer bind its legacy account. Register a legal-person user on the identity platform (name exactly as on the certificate, USCC {uscc}) and log in with it from now on.',
    },
    when: { zh: '社会组织已完成成立登记，不能再绑定原系统账号，须改用法人用户。', en: 'The organization is established: it can no longer bind a legacy account and must use a legal-person user.' },
    action: { zh: '请用户在统一身份认证平台注册法人用户（名称与证书一字不差、统一社会信用代码一致），以后以法人用户登录。', en: 'Have the user register a legal-person user on the platform (name exactly as on the certificate, the USCC) and log in with it.' },
    extensions: {
      organization: { zh: '已成立的社会组织（含统一社会信用代码）。', en: 'The established organization (with its USCC).' },
    },
  },
};

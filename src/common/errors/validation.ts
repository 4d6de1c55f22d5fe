import type { ValidationError as ClassValidatorError } from 'class-validator';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';
import { fillTemplate } from './problem';
import { Language } from '../http/language';

/** One rejected field: dotted path, the failed constraint, and the validator's own words. */
export interface FieldError {
  readonly field: string;
  readonly constraint: string;
  /** Developer-facing English text from the validator (kept for debugging). */
  readonly detail: string;
  /** Values for the message template (from the validator's `context`, e.g. `{ min, max }`). */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A rejected request body or query: VALIDATION_FAILED with one entry per failing field. */
export class RequestValidationError extends DomainError {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super(ErrorCode.VALIDATION_FAILED);
  }
}

/** Flatten class-validator's nested errors into dotted field paths. */
export function flattenValidationErrors(errors: readonly ClassValidatorError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [constraint, detail] of Object.entries(error.constraints ?? {})) {
      const params = error.contexts?.[constraint] as Record<string, string | number> | undefined;
      out.push({ field, constraint, detail, ...(params ? { params } : {}) });
    }
    if (error.children && error.children.length > 0) {
      out.push(...flattenValidationErrors(error.children, field));
    }
  }
  return out;
}

const CONSTRAINT_TEXT: Record<string, { zh: string; en: string }> = {
  whitelistValidation: { zh: '不允许出现此字段', en: 'this field is not allowed' },
  isDefined: { zh: '必须填写', en: 'is required' },
  isNotEmpty: { zh: '不能为空', en: 'must not be empty' },
  isString: { zh: '必须是文本', en: 'must be a string' },
  isBoolean: { zh: '必须是 true 或 false', en: 'must be true or false' },
  isInt: { zh: '必须是整数', en: 'must be an integer' },
  isEnum: { zh: '取值不在允许范围内', en: 'must be one of the allowed values' },
  isIn: { zh: '取值不在允许范围内', en: 'must be one of the allowed values' },
  maxLength: { zh: '长度超出上限', en: 'is too long' },
  minLength: { zh: '长度不足', en: 'is too short' },
  matches: { zh: '格式不正确', en: 'has the wrong format' },
  isUuid: { zh: '必须是 UUID', en: 'must be a UUID' },
  isIso8601: { zh: '必须是 ISO 8601 日期时间', en: 'must be an ISO 8601 date-time' },
  isDateString: { zh: '必须是 ISO 8601 日期', en: 'must be an ISO 8601 date' },
  min: { zh: '数值过小', en: 'is too small' },
  max: { zh: '数值过大', en: 'is too large' },
  isIp: { zh: '必须是 IP 地址', en: 'must be an IP address' },
  isObject: { zh: '必须是对象', en: 'must be an object' },
  isArray: { zh: '必须是数组', en: 'must be an array' },
  nestedValidation: { zh: '必须是对象', en: 'must be an object' },
  arrayMinSize: { zh: '至少需要 1 项', en: 'must not be empty' },
  arrayMaxSize: { zh: '项数超出上限', en: 'has too many items' },
  codePointLength: { zh: '长度应为 {min}–{max} 个字符', en: 'must have {min}-{max} characters' },
  isMainlandMobile: {
    zh: '必须是 11 位中国大陆手机号码（以 1 开头、第 2 位为 3–9，不含空格、区号或 +86）',
    en: 'must be an 11-digit mainland China mobile number (1, then 3-9; no spaces, area code or +86)',
  },
  isChinesePersonName: {
    zh: '必须是 2–30 个汉字的姓名，少数民族姓名各部分之间可用间隔号“·”分隔',
    en: 'must be a Chinese name of 2-30 Han characters; parts of a minority name may be joined by "·"',
  },
  noNulCharacter: { zh: '不能包含 NUL 控制字符（U+0000）', en: 'must not contain the NUL character (U+0000)' },
  isPlainText: { zh: '不能只有空白，且不能包含控制字符', en: 'must not be blank or contain control characters' },
  isLaterThan: { zh: '必须晚于时间范围的起点', en: 'must be later than the start of the range' },
  isCertificateName: { zh: '须为证书上的名称：1-200 个字符，首尾无空白，不含控制字符或零宽字符', en: 'must be the certificate name: 1-200 characters, no leading/trailing white space, no control or zero-width characters' },
  isDateOnly: { zh: '必须是有效日期（YYYY-MM-DD）', en: 'must be a valid date (YYYY-MM-DD)' },
  isLiaoningDivision: { zh: '不是辽宁省的行政区划代码（GB/T 2260）', en: 'is not a Liaoning division code (GB/T 2260)' },
  notInFuture: { zh: '不能晚于今天', en: 'must not be in the future' },
  notBeforeEstablishment: { zh: '不能早于成立日期', en: 'must not be before the establishment date' },
  onlyWhenDeregistered: { zh: '仅在状态为已注销时填写', en: 'only for a deregistered organization' },
  onlyWhenEstablished: { zh: '拟成立的社会组织不能有成立日期', en: 'an organization in formation has no establishment date' },
};

/** The field errors as shown to the caller, in its language. */
export function localizeFieldErrors(errors: readonly FieldError[], language: Language) {
  return errors.map((e) => {
    const text = CONSTRAINT_TEXT[e.constraint];
    const message = text ? fillTemplate(language === 'en' ? text.en : text.zh, e.params ?? {}) : language === 'en' ? e.detail : '格式不正确';
    return { field: e.field, code: e.constraint, message };
  });
}

import { createHash } from 'node:crypto';
import { ERROR_CATALOG, LocalizedText } from '../../common/errors/error-catalog';
import { ErrorCode } from '../../common/errors/error-codes';
import { localize, problemTypeName } from '../../common/errors/problem';
import { Language } from '../../common/http/language';

/** One named member or header a problem type carries, described in the caller's language. */
export interface ProblemTypeField {
  readonly name: string;
  readonly description: string;
}

/**
 * The documentation of one problem type (RFC 9457 §3.1.1), read from the error catalog
 * (`src/common/errors/error-catalog.ts`, the only copy of the texts) in one language.
 */
export interface ProblemTypeDescription {
  /** Stable UPPER_SNAKE code (what clients branch on). */
  readonly code: ErrorCode;
  /** The kebab-case name: the last segment of the `type` URI. */
  readonly name: string;
  /** The `type` URI answers carry for this problem. */
  readonly type: string;
  readonly status: number;
  readonly title: string;
  /** When the service answers with it. */
  readonly when: string;
  /** What the caller (or the user through it) can do. */
  readonly action: string;
  /** Extension members of the problem document, besides type/title/status/detail/instance/code/requestId. */
  readonly extensions: ProblemTypeField[];
  /** Response headers that come with it. */
  readonly headers: ProblemTypeField[];
}

/** Every catalogued code, in catalog order. */
export const PROBLEM_TYPE_CODES: readonly ErrorCode[] = Object.keys(ERROR_CATALOG) as ErrorCode[];

function fields(entries: Readonly<Record<string, LocalizedText>> | undefined, language: Language): ProblemTypeField[] {
  return Object.entries(entries ?? {}).map(([name, text]) => ({ name, description: localize(text, language) }));
}

/** Describe one problem type; `typeBase` is the prefix of its `type` URI (ends with `/`). */
export function describeProblemType(code: ErrorCode, language: Language, typeBase: string): ProblemTypeDescription {
  const entry = ERROR_CATALOG[code];
  const name = problemTypeName(code);
  return {
    code,
    name,
    type: `${typeBase}${name}`,
    status: entry.status,
    title: localize(entry.title, language),
    when: localize(entry.when, language),
    action: localize(entry.action, language),
    extensions: fields(entry.extensions, language),
    headers: fields(entry.headers, language),
  };
}

/** Describe every problem type, in catalog order. */
export function describeProblemTypes(language: Language, typeBase: string): ProblemTypeDescription[] {
  return PROBLEM_TYPE_CODES.map((code) => describeProblemType(code, language, typeBase));
}

/** The pages' one stylesheet; the Content-Security-Policy allows exactly it, by hash. */
const STYLESHEET =
  'body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1f2328}' +
  'code{font-family:ui-monospace,monospace;background:#f3f4f6;padding:0 .25rem;border-radius:3px}' +
  'table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}' +
  'dt{font-weight:600}dd{margin:0 0 .5rem}.muted{color:#59636e}';

/**
 * Content-Security-Policy of the problem-type pages: nothing loads, runs or submits; only the
 * pages' own inline stylesheet applies.
 */
export const PROBLEM_PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLESHEET).digest('base64')}'; ` +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const LABELS = {
  zh: {
    lang: 'zh-CN', index: 'orgbind 错误类型', indexIntro: 'orgbind 的每个错误响应都是 RFC 9457 problem+json，其中 type 指向本页列出的说明页面，code 是稳定的错误代码（客户端请按 code 判断）。',
    code: '错误代码（code）', status: 'HTTP 状态码', type: 'type', when: '何时出现', action: '如何处理',
    extensions: '扩展字段', headers: '响应头', name: '名称', description: '说明', none: '无', all: '全部错误类型', json: '以 Accept: application/json 请求可获得 JSON。',
  },
  en: {
    lang: 'en', index: 'orgbind problem types', indexIntro: 'Every orgbind error is RFC 9457 problem+json: its type points at one of the pages listed here, and code is the stable error code (clients branch on code).',
    code: 'Code', status: 'HTTP status', type: 'type', when: 'When it happens', action: 'What to do',
    extensions: 'Extension members', headers: 'Response headers', name: 'Name', description: 'Description', none: 'None', all: 'All problem types', json: 'Ask with Accept: application/json for JSON.',
  },
} as const;

/** Escape text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(language: Language, title: string, body: string): string {
  return (
    `<!doctype html>\n<html lang="${LABELS[language].lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${STYLESHEET}</style></head>\n<body><main>\n${body}\n</main></body></html>\n`
  );
}

function fieldTable(language: Language, heading: string, rows: readonly ProblemTypeField[]): string {
  const l = LABELS[language];
  if (rows.length === 0) return `<h2>${heading}</h2><p class="muted">${l.none}</p>`;
  const body = rows.map((r) => `<tr><td><code>${escapeHtml(r.name)}</code></td><td>${escapeHtml(r.description)}</td></tr>`).join('');
  return `<h2>${heading}</h2><table><thead><tr><th>${l.name}</th><th>${l.description}</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** The HTML page of one problem type (`GET /problems/{type}`), in the caller's language. */
export function renderProblemTypePage(d: ProblemTypeDescription, language: Language): string {
  const l = LABELS[language];
  return page(
    language,
    `${d.title} (${d.code}) · orgbind`,
    `<p class="muted"><a href="../problems">${l.all}</a></p>\n<h1>${escapeHtml(d.title)}</h1>\n` +
      `<dl><dt>${l.code}</dt><dd><code>${d.code}</code></dd><dt>${l.status}</dt><dd>${d.status}</dd>` +
      `<dt>${l.type}</dt><dd><code>${escapeHtml(d.type)}</code></dd></dl>\n` +
      `<h2>${l.when}</h2><p>${escapeHtml(d.when)}</p>\n<h2>${l.action}</h2><p>${escapeHtml(d.action)}</p>\n` +
      `${fieldTable(language, l.extensions, d.extensions)}\n${fieldTable(language, l.headers, d.headers)}\n` +
      `<p class="muted">${l.json}</p>`,
  );
}

/** The HTML index of every problem type (`GET /problems`), in the caller's language. */
export function renderProblemTypeIndex(all: readonly ProblemTypeDescription[], language: Language): string {
  const l = LABELS[language];
  const rows = all
    .map((d) => `<tr><td><a href="problems/${d.name}"><code>${d.code}</code></a></td><td>${d.status}</td><td>${escapeHtml(d.title)}</td></tr>`)
    .join('\n');
  return page(
    language,
    l.index,
    `<h1>${l.index}</h1>\n<p>${l.indexIntro}</p>\n` +
      `<table><thead><tr><th>${l.code}</th><th>${l.status}</th><th>${l.description}</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n` +
      `<p class="muted">${l.json}</p>`,
  );
}

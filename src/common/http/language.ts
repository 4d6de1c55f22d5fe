import Negotiator from 'negotiator';

/** Languages we answer in; zh-CN is the default (the province's users). */
export type Language = 'zh' | 'en';

const OFFERED = ['zh-CN', 'zh', 'en'];

/**
 * Pick the response language from an `Accept-Language` header (RFC 9110 §12.5.4).
 * zh-CN unless English is preferred over Chinese.
 */
export function negotiateLanguage(acceptLanguage: string | string[] | undefined): Language {
  if (!acceptLanguage) return 'zh';
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  const preferred = new Negotiator({ headers: { 'accept-language': header } }).language(OFFERED);
  return preferred === 'en' ? 'en' : 'zh';
}

import { ERROR_CATALOG } from '../../common/errors/error-catalog';
import { ErrorCode } from '../../common/errors/error-codes';
import { describeProblemType, describeProblemTypes, escapeHtml, renderProblemTypeIndex, renderProblemTypePage } from './problem-types';

describe('problem-type documentation', () => {
  it('describes a type from the catalog, in the language asked for', () => {
    expect(describeProblemType(ErrorCode.TOO_MANY_REQUESTS, 'en', 'https://x.example/problems/')).toEqual({
      code: 'TOO_MANY_REQUESTS',
      name: 'too-many-requests',
      type: 'https://x.example/problems/too-many-requests',
      status: 429,
      title: ERROR_CATALOG.TOO_MANY_REQUESTS.title.en,
      when: ERROR_CATALOG.TOO_MANY_REQUESTS.when.en,
      action: ERROR_CATALOG.TOO_MANY_REQUESTS.action.en,
      extensions: [{ name: 'retryAfterSeconds', description: ERROR_CATALOG.TOO_MANY_REQUESTS.extensions!.retryAfterSeconds.en }],
      headers: [{ name: 'Retry-After', description: ERROR_CATALOG.TOO_MANY_REQUESTS.headers!['Retry-After'].en }],
    });
    expect(describeProblemType(ErrorCode.TOKEN_INVALID, 'zh', '/problems/')).toMatchObject({ title: '身份令牌无效', extensions: [], headers: [] });
  });

  it('lists every code once, in catalog order', () => {
    expect(describeProblemTypes('zh', '/problems/').map((d) => d.code)).toEqual(Object.keys(ERROR_CATALOG));
  });

  it('escapes everything it writes into HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const page = renderProblemTypePage({ ...describeProblemType(ErrorCode.NOT_FOUND, 'en', '/problems/'), type: '/problems/<x>' }, 'en');
    expect(page).toContain('<code>/problems/&lt;x&gt;</code>');
    expect(page).toContain('<html lang="en">');
  });

  it('the index links every page relative to /problems', () => {
    const index = renderProblemTypeIndex(describeProblemTypes('zh', '/problems/'), 'zh');
    expect(index).toContain('<html lang="zh-CN">');
    expect(index).toContain('<a href="problems/token-invalid"><code>TOKEN_INVALID</code></a>');
  });
});

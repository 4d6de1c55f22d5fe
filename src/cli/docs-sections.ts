import { z } from 'zod';
import { ERROR_CATALOG } from '../common/errors/error-catalog';
import { ErrorCode } from '../common/errors/error-codes';
import { PROBLEM_TYPES_PATH, problemTypeName } from '../common/errors/problem';
import { envSchema } from '../config/config.schema';

/**
 * The generated parts of the documentation: Markdown tables rendered from the code, written between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` markers by `npm run docs`
 * (`src/cli/docs.ts`). `test/docs/docs-drift.e2e-spec.ts` fails when a page differs from what
 * these functions render, like the OpenAPI drift test.
 */

/** One generated section: the page (relative to the repository root) and the marker's name. */
export interface GeneratedSection {
  readonly page: string;
  readonly name: string;
  readonly render: () => string;
}

export const GENERATED_SECTIONS: readonly GeneratedSection[] = [
  { page: 'docs/operations.md', name: 'config', render: () => renderConfigTable() },
  { page: 'docs/integration.md', name: 'errors', render: () => renderErrorTable() },
];

/** Escape a table cell: `|` would end the cell, a newline the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The documentation metadata every configuration variable carries (`.meta()` in the schema). */
interface ConfigDocMeta {
  readonly description?: unknown;
  readonly docDefault?: unknown;
}

/** `value` as the table shows a default: in backticks, arrays comma-separated. */
function formatDefault(value: unknown): string {
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return `\`${text}\``;
}

/**
 * The configuration table (docs/operations.md): one row per variable of `envSchema`, in schema
 * order, with the default (the schema's `.default()`, or the `docDefault` its metadata gives when
 * the default depends on the environment) and the description from its metadata.
 *
 * @throws Error naming the variable when one has no description, or neither a default nor a `docDefault`
 */
export function renderConfigTable(): string {
  const rows = Object.entries(envSchema.shape).map(([name, schema]) => {
    const meta = (schema.meta() ?? {}) as ConfigDocMeta;
    if (typeof meta.description !== 'string' || meta.description.trim() === '') {
      throw new Error(`config variable ${name} has no .meta({ description }) in src/config/config.schema.ts`);
    }
    let defaultText: string;
    if (typeof meta.docDefault === 'string') defaultText = meta.docDefault;
    else if (schema instanceof z.ZodDefault) defaultText = formatDefault(schema.def.defaultValue);
    else throw new Error(`config variable ${name} has neither a .default() nor a docDefault in its .meta()`);
    return `| \`${name}\` | ${cell(defaultText)} | ${cell(meta.description)} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/**
 * The error-code table (docs/integration.md): every code of the error catalog with its HTTP status,
 * the path of its problem-type page, title (zh-CN, en), English detail template (`{name}`: filled
 * from the error's parameters) and the extension members its problem document carries.
 */
export function renderErrorTable(): string {
  const rows = Object.entries(ERROR_CATALOG).map(([code, definition]) => {
    const members = Object.keys(definition.extensions ?? {}).map((name) => `\`${name}\``).join(', ') || '—';
    const type = `\`${PROBLEM_TYPES_PATH}${problemTypeName(code as ErrorCode)}\``;
    return `| \`${code}\` | ${definition.status} | ${type} | ${cell(definition.title.zh)} | ${cell(definition.title.en)} | ${cell(definition.detail.en)} | ${members} |`;
  });
  return ['| code | status | type (page) | title (zh-CN) | title (en) | detail (en) | extension members |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/**
 * `page` with the section `name` replaced by `content` (the markers stay).
 *
 * @throws Error when the page lacks the pair of markers, or has them more than once
 */
export function replaceSection(page: string, name: string, content: string): string {
  const begin = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const start = page.indexOf(begin);
  const stop = page.indexOf(end);
  if (start < 0 || stop < start || page.indexOf(begin, start + 1) >= 0) {
    throw new Error(`expected exactly one ${begin} … ${end} pair`);
  }
  return `${page.slice(0, start + begin.length)}\n${content}\n${page.slice(stop)}`;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

const openapi = JSON.parse(readFileSync(path.join(ROOT, 'openapi/openapi.json'), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
};
const integration = readFileSync(path.join(ROOT, 'docs/integration.md'), 'utf8');

/** The schemas a value may match: `$ref`, `allOf`, `anyOf`, `oneOf` resolved. */
function alternatives(schema: Schema): Schema[] {
  if (schema.$ref) return alternatives(openapi.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf) return [{ ...schema, allOf: undefined, ...Object.assign({}, ...schema.allOf.flatMap(alternatives)) }];
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.flatMap(alternatives);
  return [schema];
}

/**
 * Where `example` (an excerpt: fields may be left out, strings shortened to `…`) does not fit
 * `schema`: unknown properties, values outside an enum, wrong JSON types.
 */
function misfits(example: unknown, schema: Schema, at = '$'): string[] {
  const options = alternatives(schema);
  const results = options.map((option) => {
    const types = option.type === undefined ? [] : Array.isArray(option.type) ? option.type : [option.type];
    const problems: string[] = [];
    if (option.enum && !(typeof example === 'string' && example.includes('…')) && !option.enum.includes(example)) problems.push(`${at}: ${JSON.stringify(example)} is not one of ${JSON.stringify(option.enum)}`);
    const actual = example === null ? 'null' : Array.isArray(example) ? 'array' : typeof example;
    if (types.length && !types.includes(actual) && !(actual === 'number' && types.includes('integer'))) problems.push(`${at}: a ${actual}, the schema says ${types.join('|')}`);
    if (actual === 'object' && option.properties) {
      for (const [key, value] of Object.entries(example as Record<string, unknown>)) {
        const property = option.properties[key];
        if (!property) problems.push(`${at}.${key}: no such property`);
        else problems.push(...misfits(value, property, `${at}.${key}`));
      }
    }
    if (actual === 'array' && option.items) (example as unknown[]).forEach((item, i) => problems.push(...misfits(item, option.items!, `${at}[${i}]`)));
    return problems;
  });
  return results.find((problems) => problems.length === 0) ?? results[0] ?? [];
}

/** The section of docs/integration.md under `heading`, up to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = integration.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/integration.md has no "${heading}"`);
  const level = heading.split(' ')[0];
  const next = integration.slice(start + heading.length + 2).search(new RegExp(`\\n#{1,${level.length}} `));
  return integration.slice(start, next < 0 ? undefined : start + heading.length + 2 + next);
}

/** Inline code spans that are JSON objects (`{"…`); one that does not parse fails the test. */
function jsonSpans(text: string): Record<string, unknown>[] {
  return [...text.matchAll(/`(\{"[^`]*\})`/g)].map((m) => JSON.parse(m[1]) as Record<string, unknown>);
}

describe('docs/integration.md examples', () => {
  const worked = section('### Worked examples, one per row');

  it('has a worked example for every resolution status', () => {
    const statuses = (openapi.components.schemas.ResolutionResponseDto.properties!.status.enum ?? []) as string[];
    expect(statuses.length).toBeGreaterThan(10);
    for (const status of statuses) expect(worked).toContain(`→ \`${status}\``);
  });

  it('writes every answer excerpt with the fields and values of the contract', () => {
    const examples = jsonSpans(worked);
    expect(examples.length).toBeGreaterThanOrEqual(9);
    const problems = examples.flatMap((example) => {
      const schema = 'status' in example ? 'ResolutionResponseDto' : 'kind' in example ? 'NameDifferenceDto' : null;
      return schema ? misfits(example, { $ref: `#/components/schemas/${schema}` }) : [`an excerpt of no known schema: ${JSON.stringify(example)}`];
    });
    expect(problems).toEqual([]);
  });

  it('sends request bodies the contract accepts', () => {
    const blocks = [...integration.matchAll(/```http\n(POST|PUT) (\S+)\n[\s\S]*?\n\n(\{[\s\S]*?\})\n```/g)];
    expect(blocks.length).toBeGreaterThan(0);
    for (const [, method, route, body] of blocks) {
      const schema = openapi.paths[route]?.[method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
      expect(schema).toBeDefined();
      expect(misfits(JSON.parse(body), schema!)).toEqual([]);
    }
  });

  it('finds what does not fit', () => {
    expect(misfits({ status: 'BOUNDED', organisation: {} }, { $ref: '#/components/schemas/ResolutionResponseDto' })).toEqual([
      '$.status: "BOUNDED" is not one of ["BOUND","USCC_INVALID","ORGANIZATION_NOT_FOUND","ORGANIZATION_NAME_MISMATCH","LEGAL_PERSON_ALREADY_BOUND","ORGANIZATION_DEREGISTERED","ORGANIZATION_NOT_ESTABLISHED","LEGAL_PERSON_ACCOUNT_REQUIRED","PLATFORM_ACCOUNT_BOUND_ELSEWHERE","APPLICATION_PENDING","APPLICATION_REJECTED","BINDING_REQUIRED"]',
      '$.organisation: no such property',
    ]);
  });
});

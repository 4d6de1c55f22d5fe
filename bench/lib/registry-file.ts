import { liaoningDivisions } from '../../src/registry/domain/divisions';
import { computeOrganizationCodeCheckCharacter } from '../../src/registry/domain/gb11714';
import { computeUsccCheckCharacter } from '../../src/registry/domain/uscc';
import { OrganizationStatus, OrganizationType } from '../../src/registry/entities/organization.entity';

/** One fictional organization of the generated registry. */
export interface BenchOrganization {
  readonly externalId: string;
  readonly name: string;
  readonly uscc: string | null;
  readonly type: OrganizationType;
  readonly status: OrganizationStatus;
  readonly divisionCode: string;
}

const ORG_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CATEGORY: Record<OrganizationType, string> = { social_group: '1', private_non_enterprise: '2', foundation: '3' };
const KIND: Record<OrganizationType, readonly string[]> = {
  social_group: ['协会', '商会', '学会', '研究会', '联合会', '促进会'],
  private_non_enterprise: ['服务中心', '培训学校', '养老院', '康复中心', '研究院'],
  foundation: ['基金会', '慈善基金会', '教育基金会'],
};
const FIELDS = ['物流', '养老服务', '青少年发展', '乡村振兴', '文化传承', '医疗健康', '法律服务', '环境保护', '科技创新', '家政服务', '体育健身', '书法', '摄影', '非遗保护', '社区治理'];

/** Deterministic 8-character organization-code body (GB 11714 alphabet) for sequence number `n`. */
function organizationCodeBody(n: number): string {
  let body = '';
  let rest = n;
  for (let i = 0; i < 7; i++) {
    body = ORG_CODE_CHARS[rest % ORG_CODE_CHARS.length] + body;
    rest = Math.floor(rest / ORG_CODE_CHARS.length);
  }
  return `MB${body.slice(1)}`; // "MB…": a prefix no real civil-affairs code in our sample data uses
}

/** A checksum-valid civil-affairs USCC (GB 32100-2015) for sequence number `n`. */
export function benchUscc(n: number, type: OrganizationType, divisionCode: string): string {
  const body8 = organizationCodeBody(n);
  const body17 = `5${CATEGORY[type]}${divisionCode}${body8}${computeOrganizationCodeCheckCharacter(body8)}`;
  return body17 + computeUsccCheckCharacter(body17);
}

/**
 * `count` fictional organizations spread over Liaoning's county-level divisions and the three
 * kinds: about 90 % established (with a USCC), 7 % in formation (no USCC yet), 3 % deregistered.
 * Deterministic: the same count always gives the same registry.
 */
export function generateOrganizations(count: number): BenchOrganization[] {
  const divisions = liaoningDivisions().filter((d) => d.level === 'county');
  const cities = new Map(liaoningDivisions().filter((d) => d.level === 'city').map((d) => [d.code, d.name]));
  const types: OrganizationType[] = ['social_group', 'social_group', 'social_group', 'private_non_enterprise', 'private_non_enterprise', 'foundation'];
  const organizations: BenchOrganization[] = [];
  for (let n = 0; n < count; n++) {
    const division = divisions[n % divisions.length];
    const type = types[n % types.length];
    const status: OrganizationStatus = n % 100 < 90 ? 'established' : n % 100 < 97 ? 'in_formation' : 'deregistered';
    const kinds = KIND[type];
    const city = cities.get(`${division.code.slice(0, 4)}00`) ?? '';
    const name = `${city}${division.name}${FIELDS[n % FIELDS.length]}${String(n).padStart(5, '0')}号${kinds[n % kinds.length]}`;
    organizations.push({
      externalId: `BENCH-${String(n).padStart(6, '0')}`,
      name,
      uscc: status === 'in_formation' ? null : benchUscc(n, type, division.code),
      type,
      status,
      divisionCode: division.code,
    });
  }
  return organizations;
}

/** The organizations as a TSV registry file, as `npm run import -- organizations FILE` reads it. */
export function organizationsTsv(organizations: readonly BenchOrganization[]): Buffer {
  const lines = ['external_id\tname\tuscc\ttype\tstatus\tdivision_code\testablished_at'];
  for (const o of organizations) {
    lines.push([o.externalId, o.name, o.uscc ?? '', o.type, o.status, o.divisionCode, o.uscc ? '2016-05-20' : ''].join('\t'));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

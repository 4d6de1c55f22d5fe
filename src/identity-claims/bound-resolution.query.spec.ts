import { auditRow } from '../audit/audit-row';
import { BOUND_RESOLUTION_QUERY, boundResolutionFacts, boundResolutionValues } from './bound-resolution.query';
import { resolutionAuditEvent } from './resolution-audit';

const account = { issuer: 'https://platform.example', subject: 'user-1' };
const { targetId: _target, ...audit } = auditRow(resolutionAuditEvent({ ...account, userType: 'legal_person' }, { requestId: 'req-1', clientIp: '203.0.113.7' }, 'BOUND', null));

describe('BOUND_RESOLUTION_QUERY', () => {
  it('has one value per placeholder, in order', () => {
    const placeholders = new Set([...BOUND_RESOLUTION_QUERY.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    const values = boundResolutionValues(account, { userType: 'legal_person', claimedUscc: '53210000MJ2831229F', claimedName: '辽宁省爱梦成真青年发展基金会' }, audit);
    expect([...placeholders].sort((a, b) => a - b)).toEqual(values.map((_, i) => i + 1));
    expect(values).toEqual([
      account.issuer, account.subject,
      'platform_user', 'https://platform.example|user-1', 'resolution.resolved', 'organization', 'success', 'BOUND', 'req-1', '203.0.113.*', '{"userType":"legal_person"}',
      'legal_person', '53210000MJ2831229F', '辽宁省爱梦成真青年发展基金会',
    ]);
  });

  it('sends a claim that cannot be SQL text (NUL, lone surrogate) as null, so it never matches', () => {
    for (const bad of ['辽宁\u0000基金会', '辽宁\uD800基金会', '\uDC00辽宁', '辽宁\uD83D']) {
      const values = boundResolutionValues(account, { userType: 'legal_person', claimedUscc: bad, claimedName: bad }, audit);
      expect(values.slice(12)).toEqual([null, null]);
    }
    const emoji = boundResolutionValues(account, { userType: 'legal_person', claimedUscc: undefined, claimedName: '辽宁😀基金会' }, audit);
    expect(emoji.slice(12)).toEqual([null, '辽宁😀基金会']);
  });

  it('maps a row to the binding facts the decision rules take', () => {
    const since = new Date('2026-03-01T08:00:00Z');
    expect(boundResolutionFacts({
      binding_id: 'b', binding_kind: 'legal_person', binding_since: since, supersede_at: null, organization_id: 'o', name: 'n', uscc: 'u',
      status: 'established', type: 'foundation', authority_code: null, division_code: '210000', audited: true,
    })).toEqual({
      bindingId: 'b', kind: 'legal_person', since, supersedeAt: null,
      organization: { id: 'o', name: 'n', uscc: 'u', status: 'established', type: 'foundation', authorityCode: null, divisionCode: '210000' },
    });
  });
});

import { refuseChange } from './change-precondition';

describe('refuseChange', () => {
  it('allows an action on a pending application at the version seen', () => {
    expect(refuseChange({ status: 'pending', version: 1 }, 'approve', [1])).toBeNull();
    expect(refuseChange({ status: 'pending', version: 4 }, 'withdraw', null)).toBeNull();
  });

  it('refuses a stale version (412)', () => {
    expect(refuseChange({ status: 'pending', version: 2 }, 'reject', [1])).toEqual({ kind: 'version', currentVersion: 2 });
  });

  it('refuses by status first, even with a stale version (409)', () => {
    expect(refuseChange({ status: 'approved', version: 2 }, 'approve', [1])).toEqual({ kind: 'status', currentStatus: 'approved' });
    expect(refuseChange({ status: 'withdrawn', version: 2 }, 'reject', [2])).toEqual({ kind: 'status', currentStatus: 'withdrawn' });
  });
});

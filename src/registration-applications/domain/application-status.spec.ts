import { APPLICATION_STATUSES, ApplicationAction, isFinal, requiredStatus, targetStatus, transition } from './application-status';

describe('registration application state machine', () => {
  it.each([
    ['approve', 'approved'],
    ['reject', 'rejected'],
    ['withdraw', 'withdrawn'],
  ] as [ApplicationAction, string][])('pending --%s--> %s', (action, to) => {
    expect(transition('pending', action)).toEqual({ allowed: true, from: 'pending', to });
    expect(requiredStatus(action)).toBe('pending');
    expect(targetStatus(action)).toBe(to);
  });

  it('refuses every action on a final status and names the current status', () => {
    for (const status of APPLICATION_STATUSES.filter((s) => s !== 'pending')) {
      for (const action of ['approve', 'reject', 'withdraw'] as ApplicationAction[]) {
        expect(transition(status, action)).toEqual({ allowed: false, from: status, action });
      }
    }
  });

  it('only pending is not final', () => {
    expect(APPLICATION_STATUSES.filter((s) => !isFinal(s))).toEqual(['pending']);
  });
});

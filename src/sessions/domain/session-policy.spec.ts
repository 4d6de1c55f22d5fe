import { decideSessionOpening, SESSION_POLICIES } from './session-policy';

describe('decideSessionOpening', () => {
  it.each(SESSION_POLICIES)('opens without ending anything when no other session is active (%s)', (policy) => {
    expect(decideSessionOpening({ policy, takeover: false, otherActive: false })).toEqual({ action: 'open', endOther: null });
    expect(decideSessionOpening({ policy, takeover: true, otherActive: false })).toEqual({ action: 'open', endOther: null });
  });

  it('prompt: asks first, takes over when confirmed (guide 图11)', () => {
    expect(decideSessionOpening({ policy: 'prompt', takeover: false, otherActive: true })).toEqual({ action: 'prompt' });
    expect(decideSessionOpening({ policy: 'prompt', takeover: true, otherActive: true })).toEqual({ action: 'open', endOther: 'takeover' });
  });

  it('deny_new: refuses even a takeover', () => {
    expect(decideSessionOpening({ policy: 'deny_new', takeover: false, otherActive: true })).toEqual({ action: 'deny' });
    expect(decideSessionOpening({ policy: 'deny_new', takeover: true, otherActive: true })).toEqual({ action: 'deny' });
  });

  it('terminate_oldest: ends the other session without asking', () => {
    expect(decideSessionOpening({ policy: 'terminate_oldest', takeover: false, otherActive: true })).toEqual({ action: 'open', endOther: 'replaced_by_new_login' });
    expect(decideSessionOpening({ policy: 'terminate_oldest', takeover: true, otherActive: true })).toEqual({ action: 'open', endOther: 'takeover' });
  });
});

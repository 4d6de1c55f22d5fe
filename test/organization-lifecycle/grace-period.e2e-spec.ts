import { randomUUID } from 'node:crypto';
import { BindingEntity } from '../../src/bindings/binding.entity';
import { boundNaturalPersonUser, legalPersonUser, serviceToken } from '../support/accounts';
import { TestClock } from '../support/clock';
import { createOrganization, fakeUscc } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** ESTABLISHMENT_GRACE_PERIOD_HOURS > 0: natural-person bindings stay usable for a while after establishment. */
describe('establishment with a grace period (ESTABLISHMENT_GRACE_PERIOD_HOURS=48)', () => {
  let t: TestApp;
  const clock = new TestClock();
  let registry: string;
  let sessionsService: string;

  beforeAll(async () => {
    t = await startTestApp({ ESTABLISHMENT_GRACE_PERIOD_HOURS: '48', SESSION_ABSOLUTE_TIMEOUT_HOURS: '168', SESSION_IDLE_TIMEOUT_MINUTES: '1440', LIFECYCLE_SWEEP_INTERVAL_SECONDS: '0' }, { clock });
    registry = await serviceToken(t, 'orgbind:registry.write');
    sessionsService = await serviceToken(t, 'orgbind:sessions');
  });
  afterAll(async () => {
    await t.close();
  });

  async function establishedWithNaturalPerson() {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null, externalId: `MGMT-${randomUUID()}` });
    const natural = await boundNaturalPersonUser(t, organization.id);
    const uscc = fakeUscc();
    const response = await t.request(`/v1/organizations/${organization.id}/establishment`, {
      method: 'POST', token: registry, json: { uscc, certificateName: organization.name, establishedAt: '2025-01-01' },
    });
    expect(response.status).toBe(200);
    return { organization, natural, uscc, response };
  }
  const resolve = (token: string) => t.request('/v1/resolutions', { method: 'POST', token });
  const open = (token: string, takeover = false) => t.request('/v1/sessions', { method: 'POST', token, json: { clientIp: '203.0.113.5', takeover } });

  it('schedules the supersession: the natural-person user stays BOUND until then and is told to register the legal-person user', async () => {
    const { natural, uscc, organization, response } = await establishedWithNaturalPerson();
    const supersedeAt = new Date(clock.now().getTime() + 48 * 3600 * 1000).toISOString();
    expect(response.body.effects).toEqual({ supersededBindings: 0, scheduledSupersessions: 1, revokedBindings: 0, endedSessions: 0, supersedeAt });
    expect(await t.dataSource.getRepository(BindingEntity).findOneByOrFail({ id: natural.bindingId })).toMatchObject({ status: 'active', supersedeAt: new Date(supersedeAt) });
    const bound = await resolve(natural.token);
    expect(bound.body).toMatchObject({ status: 'BOUND', binding: { supersedeAt }, legalPersonAccount: { name: organization.name, uscc } });
    expect(bound.body.message).toContain('注册法人用户');
    const events = await t.dataSource.query(`SELECT type, data FROM outbox_event WHERE aggregate_id = $1`, [natural.bindingId]);
    expect(events).toEqual([{ type: 'binding.supersession_scheduled', data: expect.objectContaining({ supersedeAt }) }]);
  });

  it('at the end of the grace period the user is told LEGAL_PERSON_ACCOUNT_REQUIRED and the session check ends the session (binding_superseded)', async () => {
    const { natural, organization, uscc } = await establishedWithNaturalPerson();
    const opened = await open(natural.token);
    expect(opened.status).toBe(201);
    const legal = await legalPersonUser(t, { name: organization.name, uscc });
    expect((await resolve(legal.token)).body.status).toBe('BOUND');
    const prompted = await open(legal.token);
    expect(prompted.body).toMatchObject({ code: 'SESSION_ACTIVE_ELSEWHERE', activeSession: { sameAccount: false } });

    for (const step of [{ hours: 23, minutes: 59 }, { hours: 23, minutes: 59 }, { minutes: 1 }]) {
      clock.advance(step); // 47 h 59 min in all, checked (active) on the way
      expect((await t.request(`/v1/sessions/${opened.body.id}`, { token: sessionsService })).body.status).toBe('active');
    }
    clock.advance({ minutes: 1 });
    expect((await resolve(natural.token)).body).toMatchObject({ status: 'LEGAL_PERSON_ACCOUNT_REQUIRED', legalPersonAccount: { uscc } });
    const checked = await t.request(`/v1/sessions/${opened.body.id}`, { token: sessionsService });
    expect(checked.body).toMatchObject({ status: 'ended', endReason: 'binding_superseded' });
    expect(await t.dataSource.getRepository(BindingEntity).findOneByOrFail({ id: natural.bindingId })).toMatchObject({
      status: 'superseded',
      endedReason: 'organization_established',
    });
    expect((await open(legal.token)).status).toBe(201);
  });

  it('a login after the grace period is refused and supersedes the binding at once', async () => {
    const { natural } = await establishedWithNaturalPerson();
    clock.advance({ hours: 49 });
    const refused = await open(natural.token);
    expect(refused.body).toMatchObject({ code: 'SESSION_REQUIRES_BOUND_ACCOUNT', resolution: { status: 'LEGAL_PERSON_ACCOUNT_REQUIRED' } });
    expect((await t.dataSource.getRepository(BindingEntity).findOneByOrFail({ id: natural.bindingId })).status).toBe('superseded');
  });
});

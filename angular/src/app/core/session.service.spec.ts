import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { setUpPage } from '../testing';
import { SessionService } from './session.service';

describe('SessionService', () => {
  it('loads the caller from the host and answers what it may do', async () => {
    setUpPage([]);
    const session = TestBed.inject(SessionService);
    session.set(null);
    const loading = session.load();
    TestBed.inject(HttpTestingController).expectOne('/api/account/my-profile/permissions')
      .flush({ tenantId: null, tenantName: null, userName: 'admin', granted: ['Messaging.Tenants'] });
    await loading;

    expect(session.isHost()).toBe(true);
    expect(session.userName()).toBe('admin');
    expect(session.can('Messaging.Tenants')).toBe(true);
    expect(session.can('Messaging.Messages')).toBe(false);
  });

  it('is not the host before it has loaded', () => {
    setUpPage([]);
    const session = TestBed.inject(SessionService);
    session.set(null);
    expect(session.isHost()).toBe(false);
    expect(session.can('Messaging.Messages')).toBe(false);
  });
});

import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { InboundWorkerDto } from '../api/models/inbound-worker-dto';
import { setUpPage } from '../testing';
import { InboundWorkersComponent } from './inbound-workers.component';

const worker: InboundWorkerDto = {
  id: 'w1', name: 'Support mailbox', defaultAction: 'Forward', defaultTarget: 'team@example.com', enabled: true,
  createdAt: '2026-12-04T07:00:00Z', updatedAt: '2026-12-04T07:00:00Z',
};

describe('InboundWorkersComponent', () => {
  let http: HttpTestingController;

  afterEach(() => vi.restoreAllMocks());

  async function render(granted: string[]): Promise<ComponentFixture<InboundWorkersComponent>> {
    setUpPage(granted);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(InboundWorkersComponent);
    fixture.detectChanges();
    http.expectOne('/api/app/email-inbound-worker').flush([worker]);
    http.expectOne(request => request.url.endsWith('/stats')).flush({ forwarded: 3, tagged: 1, deleted: 2, dropped: 0 });
    await settle(fixture);
    return fixture;
  }

  async function settle(fixture: ComponentFixture<InboundWorkersComponent>): Promise<void> {
    await new Promise(resolve => setTimeout(resolve));
    fixture.detectChanges();
  }

  it('shows the workers and what was done with the processed emails, read-only for a reader', async () => {
    const fixture = await render(['Messaging.EmailQueue.Inbound']);
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('Support mailbox');
    expect(text).toContain('3 forwarded, 1 tagged, 2 deleted');
    expect(text).not.toContain('New worker');
    expect(text).not.toContain('Rotate secret');
  });

  it('shows a rotated secret once, after a confirmation', async () => {
    const fixture = await render(['Messaging.EmailQueue.Inbound', 'Messaging.EmailQueue.Inbound.Manage']);
    vi.spyOn(window, 'confirm').mockReturnValue(true);

    const rotating = fixture.componentInstance.rotate(worker);
    http.expectOne({ method: 'POST', url: '/api/app/email-inbound-worker/w1/rotate-secret' }).flush({ worker, secret: 'whsec_new' });
    await rotating;
    fixture.detectChanges();
    expect(fixture.nativeElement.querySelector('[data-testid="worker-secret"]').textContent).toBe('whsec_new');
  });

  it('deletes nothing when the user declines', async () => {
    const fixture = await render(['Messaging.EmailQueue.Inbound', 'Messaging.EmailQueue.Inbound.Manage']);
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    await fixture.componentInstance.remove(worker);
    http.expectNone('/api/app/email-inbound-worker/w1');
  });
});

import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MessageStatusDto } from '../api/models/message-status-dto';
import { setUpPage } from '../testing';
import { MessageDetailComponent } from './message-detail.component';

const trackingId = '01a2037c-70b9-785d-9da9-f1f5f1aabc91';

function message(status: MessageStatusDto['status']): MessageStatusDto {
  return {
    trackingId, status, channel: 'Sms', priority: 'High', acceptedAt: '2026-12-04T07:00:00Z', dispatchAttempts: 0,
    history: [
      { status: 'Accepted', occurredAt: '2026-12-04T07:00:00Z', reason: null },
      ...(status === 'Cancelled' ? [{ status: 'Cancelled' as const, occurredAt: '2026-12-04T07:00:05Z', reason: 'cancelled by the tenant' }] : []),
    ],
  };
}

describe('MessageDetailComponent', () => {
  let http: HttpTestingController;

  async function render(granted: string[], status: MessageStatusDto['status']): Promise<ComponentFixture<MessageDetailComponent>> {
    setUpPage(granted);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MessageDetailComponent);
    fixture.componentRef.setInput('trackingId', trackingId);
    fixture.detectChanges();
    http.expectOne(`/api/app/message/${trackingId}/status`).flush(message(status));
    await settle(fixture);
    return fixture;
  }

  async function settle(fixture: ComponentFixture<MessageDetailComponent>): Promise<void> {
    await new Promise(resolve => setTimeout(resolve));
    fixture.detectChanges();
  }

  function cancelButton(fixture: ComponentFixture<MessageDetailComponent>): HTMLButtonElement | undefined {
    return Array.from<HTMLButtonElement>(fixture.nativeElement.querySelectorAll('button'))
      .find(button => button.textContent!.includes('Cancel the message'));
  }

  it('shows the timeline, and cancels a queued message for a caller who may', async () => {
    const fixture = await render(['Messaging.Messages', 'Messaging.Messages.Cancel'], 'Queued');
    expect(fixture.nativeElement.querySelector('[aria-label=Timeline]').textContent).toContain('Accepted');

    cancelButton(fixture)!.click();
    const cancel = http.expectOne(`/api/app/message/${trackingId}/cancel`);
    expect(cancel.request.method).toBe('POST');
    cancel.flush(message('Cancelled'));
    await settle(fixture);

    expect(fixture.nativeElement.querySelector('[data-testid=status]').textContent).toBe('Cancelled');
    expect(fixture.nativeElement.querySelector('[aria-label=Timeline]').textContent).toContain('cancelled by the tenant');
    expect(cancelButton(fixture)).toBeUndefined();
  });

  it('offers no cancel to a reader, nor once a provider has the message', async () => {
    expect(cancelButton(await render(['Messaging.Messages'], 'Queued'))).toBeUndefined();
    TestBed.resetTestingModule();
    expect(cancelButton(await render(['Messaging.Messages', 'Messaging.Messages.Cancel'], 'Sending'))).toBeUndefined();
  });

  it('says when the message is not found', async () => {
    setUpPage(['Messaging.Messages']);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MessageDetailComponent);
    fixture.componentRef.setInput('trackingId', trackingId);
    fixture.detectChanges();
    http.expectOne(`/api/app/message/${trackingId}/status`)
      .flush({ status: 404, title: 'The message was not found.' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('The message was not found.');
  });
});

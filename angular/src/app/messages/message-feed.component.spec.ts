import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MessageFeedItemDto } from '../api/models/message-feed-item-dto';
import { setUpPage } from '../testing';
import { MessageFeedComponent } from './message-feed.component';

function item(trackingId: string, status: MessageFeedItemDto['status'] = 'Queued'): MessageFeedItemDto {
  return {
    trackingId, status, channel: 'Sms', priority: 'Normal', recipient: '+14155550123', acceptedAt: '2026-12-04T07:00:00Z',
    lastStatusChangeAt: '2026-12-04T07:00:01Z', dispatchAttempts: 0, providerName: null, failureCode: null,
  };
}

describe('MessageFeedComponent', () => {
  let http: HttpTestingController;

  function render(granted: string[]): ComponentFixture<MessageFeedComponent> {
    setUpPage(granted);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MessageFeedComponent);
    fixture.detectChanges();
    return fixture;
  }

  function feedRequest(): TestRequest {
    return http.expectOne(request => request.url === '/api/app/message');
  }

  /** Lets the answered request's promise resolve, then renders. */
  async function settle(fixture: ComponentFixture<MessageFeedComponent>): Promise<void> {
    await new Promise(resolve => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function text(fixture: ComponentFixture<MessageFeedComponent>): string {
    return fixture.nativeElement.textContent;
  }

  it('lists the first page and offers send and cancel to a caller who may', async () => {
    const fixture = render(['Messaging.Messages', 'Messaging.Messages.Send', 'Messaging.Messages.Cancel']);
    const request = feedRequest();
    expect(request.request.params.get('pageSize')).toBe('25');
    expect(request.request.params.has('cursor')).toBe(false);
    request.flush({ items: [item('11111111-1111-1111-1111-111111111111')], nextCursor: null });
    await settle(fixture);

    expect(text(fixture)).toContain('11111111-1111-1111-1111-111111111111');
    expect(text(fixture)).toContain('Send a test message');
    expect(fixture.nativeElement.querySelector('[aria-label^="Cancel message"]')).not.toBeNull();
  });

  it('shows a reader neither send nor cancel', async () => {
    const fixture = render(['Messaging.Messages']);
    feedRequest().flush({ items: [item('22222222-2222-2222-2222-222222222222')], nextCursor: null });
    await settle(fixture);

    expect(text(fixture)).not.toContain('Send a test message');
    expect(fixture.nativeElement.querySelector('[aria-label^="Cancel message"]')).toBeNull();
  });

  it('sends the filters and pages on with the server cursor, and back', async () => {
    const fixture = render(['Messaging.Messages']);
    feedRequest().flush({ items: [item('33333333-3333-3333-3333-333333333333')], nextCursor: 'page-2' });
    await settle(fixture);

    fixture.componentInstance['filters'].status = 'Failed';
    fixture.componentInstance.search();
    const filtered = feedRequest();
    expect(filtered.request.params.get('status')).toBe('Failed');
    filtered.flush({ items: [item('44444444-4444-4444-4444-444444444444', 'Failed')], nextCursor: 'page-2' });
    await settle(fixture);

    fixture.componentInstance.next();
    const second = feedRequest();
    expect(second.request.params.get('cursor')).toBe('page-2');
    expect(second.request.params.get('status')).toBe('Failed');
    second.flush({ items: [item('55555555-5555-5555-5555-555555555555', 'Failed')], nextCursor: null });
    await settle(fixture);
    expect(text(fixture)).toContain('55555555-5555-5555-5555-555555555555');

    fixture.componentInstance.previous();
    expect(feedRequest().request.params.has('cursor')).toBe(false);
  });

  it('says when nothing matches', async () => {
    const fixture = render(['Messaging.Messages']);
    feedRequest().flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(text(fixture)).toContain('No message matches these filters.');
  });

  it('shows the problem the server answered, and tries again', async () => {
    const fixture = render(['Messaging.Messages']);
    feedRequest().flush({ status: 503, title: 'The service is busy; retry shortly.' }, { status: 503, statusText: 'Service Unavailable' });
    await settle(fixture);
    const alert: HTMLElement = fixture.nativeElement.querySelector('[role=alert]');
    expect(alert.textContent).toContain('The service is busy; retry shortly.');

    alert.querySelector('button')!.click();
    feedRequest().flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('[role=alert]')).toBeNull();
  });
});

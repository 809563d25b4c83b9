import { HttpEventType } from '@angular/common/http';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AttachmentSummaryDto } from '../api/models/attachment-summary-dto';
import { EventStreamOptions, EventStreamService } from '../core/event-stream';
import { setUpPage } from '../testing';
import { AttachmentsComponent } from './attachments.component';

const id = '01a2037c-70b9-785d-9da9-f1f5f1aabc91';

function summary(fileName: string): AttachmentSummaryDto {
  return { id, fileName, contentType: 'text/csv', size: 42, status: 'Completed', progress: 100, priority: 0, createdAt: '2026-12-04T07:00:00Z', completedAt: null };
}

/** The stream the page opened, fed by the test as the host would. */
class StreamsByHand {
  url: string | null = null;
  options: EventStreamOptions | null = null;
  closed = false;
  open(url: string, options: EventStreamOptions): () => void {
    this.url = url;
    this.options = options;
    return () => (this.closed = true);
  }
  progress(percent: number, status: string): void {
    this.options!.onEvent({ type: 'progress', id: null, data: JSON.stringify({ attachmentId: id, percent, status, error: null }) });
  }
}

describe('AttachmentsComponent', () => {
  let http: HttpTestingController;
  let streams: StreamsByHand;

  async function render(granted: string[]): Promise<ComponentFixture<AttachmentsComponent>> {
    streams = new StreamsByHand();
    setUpPage(granted, 'Demo', [{ provide: EventStreamService, useValue: streams }]);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AttachmentsComponent);
    fixture.detectChanges();
    list().flush({ items: [summary('people.csv')], nextCursor: 'c2' });
    await settle(fixture);
    return fixture;
  }

  function list(): TestRequest {
    return http.expectOne(request => request.url === '/api/app/attachment' && request.method === 'GET');
  }

  async function settle(fixture: ComponentFixture<AttachmentsComponent>): Promise<void> {
    await new Promise(resolve => setTimeout(resolve));
    fixture.detectChanges();
  }

  function bar(fixture: ComponentFixture<AttachmentsComponent>): string {
    return fixture.nativeElement.querySelector('[aria-label="Uploads"] [role=status]').textContent.trim();
  }

  it('fills one bar with the bytes sent, then with the host\'s progress over SSE, and lists the page again when done', async () => {
    const fixture = await render(['Messaging.Attachment', 'Messaging.Attachment.Upload']);
    const sending = fixture.componentInstance.send([new File(['a,b\n1,2\n'], 'numbers.csv', { type: 'text/csv' })]);
    const upload = http.expectOne(request => request.url === '/api/app/attachment' && request.method === 'POST');
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);

    upload.event({ type: HttpEventType.UploadProgress, loaded: 50, total: 100 });
    await settle(fixture);
    expect(bar(fixture)).toBe('Uploading 25%');

    upload.flush({ attachmentId: id, status: 'Queued' });
    await settle(fixture);
    expect(streams.url).toBe(`/api/app/attachment/${id}/events`);
    expect(streams.options!.lastEventId).toBe('0');
    streams.progress(40, 'Processing');
    await settle(fixture);
    expect(bar(fixture)).toBe('Processing 70%');

    streams.progress(100, 'Completed');
    await sending;
    expect(streams.closed).toBe(true);
    list().flush({ items: [summary('numbers.csv'), summary('people.csv')], nextCursor: null });
    await settle(fixture);
    expect(bar(fixture)).toBe('Completed 100%');
    expect(fixture.nativeElement.querySelector('table').textContent).toContain('numbers.csv');
  });

  it('turns pages with the server\'s cursor and filters by status', async () => {
    const fixture = await render(['Messaging.Attachment']);
    fixture.componentInstance.nextPage('c2');
    expect(list().request.params.get('cursor')).toBe('c2');
    fixture.componentInstance['status'] = 'Failed';
    fixture.componentInstance.search();
    const filtered = list();
    expect(filtered.request.params.get('status')).toBe('Failed');
    expect(filtered.request.params.has('cursor')).toBe(false);
  });

  it('gives a reader the list and no upload', async () => {
    const fixture = await render(['Messaging.Attachment']);
    expect(fixture.nativeElement.querySelector('.drop')).toBeNull();
    expect(fixture.nativeElement.textContent).toContain('people.csv');
  });

  it('shows the server\'s problem with a way to try again', async () => {
    streams = new StreamsByHand();
    setUpPage(['Messaging.Attachment'], 'Demo', [{ provide: EventStreamService, useValue: streams }]);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AttachmentsComponent);
    fixture.detectChanges();
    list().flush({ title: 'Storage unavailable' }, { status: 503, statusText: 'Service Unavailable' });
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('Storage unavailable');
  });
});

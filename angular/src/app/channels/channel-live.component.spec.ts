import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ChannelMessageDto } from '../api/models/channel-message-dto';
import { EventStreamOptions, EventStreamService } from '../core/event-stream';
import { setUpPage } from '../testing';
import { ChannelLiveComponent } from './channel-live.component';

const channelId = '01a2037c-70b9-785d-9da9-f1f5f1aabc91';

function message(sequence: number, content: string): ChannelMessageDto {
  return { id: `m${sequence}`, channelId, sequence, content, postedAt: '2026-12-04T07:00:00Z', postedBy: 'admin' };
}

class StreamsByHand {
  url: string | null = null;
  options: EventStreamOptions | null = null;
  open(url: string, options: EventStreamOptions): () => void {
    this.url = url;
    this.options = options;
    options.onState?.('open');
    return () => undefined;
  }
  send(type: string, data: unknown): void {
    this.options!.onEvent({ type, id: null, data: JSON.stringify(data) });
  }
}

describe('ChannelLiveComponent', () => {
  let http: HttpTestingController;
  let streams: StreamsByHand;

  async function render(granted: string[]): Promise<ComponentFixture<ChannelLiveComponent>> {
    streams = new StreamsByHand();
    setUpPage(granted, 'Demo', [{ provide: EventStreamService, useValue: streams }]);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ChannelLiveComponent);
    fixture.componentRef.setInput('id', channelId);
    fixture.detectChanges();
    http.expectOne(`/api/app/channel/${channelId}`).flush({ id: channelId, name: 'ops', description: null });
    await settle(fixture);
    history([message(2, 'second'), message(1, 'first')]);
    await settle(fixture);
    return fixture;
  }

  function history(items: ChannelMessageDto[]): void {
    http.expectOne(request => request.url === `/api/app/channel/${channelId}/message`).flush({ items, nextBeforeSequence: null });
  }

  async function settle(fixture: ComponentFixture<ChannelLiveComponent>): Promise<void> {
    await new Promise(resolve => setTimeout(resolve));
    fixture.detectChanges();
  }

  function shown(fixture: ComponentFixture<ChannelLiveComponent>): string[] {
    return Array.from<HTMLElement>(fixture.nativeElement.querySelectorAll('[aria-label=Messages] .content')).map(e => e.textContent!.trim());
  }

  it('listens from the last message it read, and adds each live one once, in order', async () => {
    const fixture = await render(['Messaging.Channel']);
    expect(streams.url).toBe(`/api/app/channel/${channelId}/events`);
    expect(streams.options!.lastEventId).toBe('2');
    expect(fixture.nativeElement.textContent).toContain('Live');

    streams.send('message', message(3, 'third'));
    streams.send('message', message(3, 'third'));
    await settle(fixture);
    expect(shown(fixture)).toEqual(['first', 'second', 'third']);
  });

  it('reads the history again after a gap', async () => {
    const fixture = await render(['Messaging.Channel']);
    streams.send('gap', {});
    history([message(9, 'ninth'), message(8, 'eighth')]);
    await settle(fixture);
    expect(shown(fixture)).toEqual(['eighth', 'ninth']);
  });

  it('posts a delayed message and cancels it', async () => {
    const fixture = await render(['Messaging.Channel', 'Messaging.Channel.Post']);
    fixture.componentInstance['content'] = 'later';
    fixture.componentInstance['deliverAt'] = '2030-01-01T10:00';
    const posting = fixture.componentInstance.post();
    const post = http.expectOne(`/api/app/channel/${channelId}/message`);
    expect(post.request.body.deliverAt).toBe(new Date('2030-01-01T10:00').toISOString());
    const delayed = { id: 'd1', channelId, content: 'later', createdAt: '2026-12-04T07:00:00Z', deliverAt: '2030-01-01T10:00:00Z', finishedAt: null, sequence: null, status: 'Waiting' };
    post.flush({ message: null, delayedMessage: delayed });
    await posting;
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('[aria-label="Delayed messages"]').textContent).toContain('Waiting');

    const cancelling = fixture.componentInstance.cancel(delayed as never);
    http.expectOne(`/api/app/channel/${channelId}/delayed-message/d1`).flush(null);
    await cancelling;
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('[aria-label="Delayed messages"]').textContent).toContain('Cancelled');
  });

  it('gives a reader no form to post', async () => {
    const fixture = await render(['Messaging.Channel']);
    expect(fixture.nativeElement.querySelector('form')).toBeNull();
  });
});

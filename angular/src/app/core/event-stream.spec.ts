import { TestBed } from '@angular/core/testing';
import { EventStreamParser, EventStreamService } from './event-stream';

describe('EventStreamParser', () => {
  it('makes one event of the fields up to a blank line, whichever chunks they come in', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: mess')).toEqual([]);
    expect(parser.push('age\nid: 7\ndata: {"a":')).toEqual([]);
    expect(parser.push('1}\n\n')).toEqual([{ type: 'message', data: '{"a":1}', id: '7' }]);
  });

  it('skips heartbeats, joins data lines, reads CRLF and keeps the retry asked for', () => {
    const parser = new EventStreamParser();
    const events = parser.push(': heartbeat\r\n\r\nretry: 5000\r\ndata: one\r\ndata: two\r\n\r\nevent: gap\ndata:\n\n');
    expect(events).toEqual([
      { type: 'message', data: 'one\ntwo', id: null },
      { type: 'gap', data: '', id: null },
    ]);
    expect(parser.retryMs).toBe(5000);
  });

  it('keeps the last id for the events after it, as Last-Event-ID does', () => {
    const parser = new EventStreamParser();
    const events = parser.push('id: 3\ndata: a\n\ndata: b\n\n');
    expect(events.map(e => e.id)).toEqual(['3', '3']);
  });
});

describe('EventStreamService', () => {
  function stream(text: string): Response {
    return new Response(new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  }

  afterEach(() => vi.unstubAllGlobals());

  it('reopens a dropped stream with the last id it read as Last-Event-ID, after the retry the server asked for', async () => {
    const asked: (string | null)[] = [];
    const answers = [stream('retry: 1\nid: 5\nevent: message\ndata: five\n\n'), stream('id: 6\nevent: message\ndata: six\n\n')];
    vi.stubGlobal('fetch', (_: string, init: RequestInit) => {
      asked.push((init.headers as Record<string, string>)['Last-Event-ID'] ?? null);
      return Promise.resolve(answers.shift() ?? new Response(null, { status: 404 }));
    });
    const received: string[] = [];
    const states: string[] = [];
    await new Promise<void>(done => {
      TestBed.inject(EventStreamService).open('/api/app/channel/c/events', {
        lastEventId: '4',
        onEvent: event => received.push(event.data),
        onState: state => states.push(state),
        onError: () => done(),
      });
    });
    expect(asked).toEqual(['4', '5', '6']);
    expect(received).toEqual(['five', 'six']);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open', 'reconnecting', 'closed']);
  });
});

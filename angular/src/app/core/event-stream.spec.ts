import { EventStreamParser } from './event-stream';

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

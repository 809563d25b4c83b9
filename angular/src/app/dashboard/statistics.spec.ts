import { toBars, totals } from './statistics';

describe('dashboard statistics', () => {
  it('counts sent and delivered as sent, and failed apart, per bucket and in total', () => {
    const bars = toBars({
      bucket: 'Hour', from: '2026-12-04T00:00:00Z', to: '2026-12-04T02:00:00Z',
      buckets: [
        { start: '2026-12-04T00:00:00Z', total: 0, counts: [] },
        {
          start: '2026-12-04T01:00:00Z', total: 6, counts: [
            { status: 'Sent', channel: 'Sms', count: 2 },
            { status: 'Delivered', channel: 'WhatsApp', count: 1 },
            { status: 'Failed', channel: 'Sms', count: 2 },
            { status: 'Queued', channel: 'Sms', count: 1 },
          ],
        },
      ],
    });

    expect(bars).toEqual([
      { start: '2026-12-04T00:00:00Z', accepted: 0, sent: 0, failed: 0 },
      { start: '2026-12-04T01:00:00Z', accepted: 6, sent: 3, failed: 2 },
    ]);
    expect(totals(bars)).toEqual({ accepted: 6, sent: 3, failed: 2 });
  });
});

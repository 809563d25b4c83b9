import { MessageStatisticsDto } from '../api/models/message-statistics-dto';
import { MessageStatus } from '../api/models/message-status';

export interface HourBar {
  start: string;
  accepted: number;
  sent: number;
  failed: number;
}

export interface Totals {
  accepted: number;
  sent: number;
  failed: number;
}

const sentStatuses: MessageStatus[] = ['Sent', 'Delivered'];

/** Per bucket: every message accepted in it, those sent (or delivered) and those that failed, by their current status. */
export function toBars(statistics: MessageStatisticsDto): HourBar[] {
  return statistics.buckets.map(bucket => ({
    start: bucket.start,
    accepted: bucket.total,
    sent: bucket.counts.filter(c => sentStatuses.includes(c.status)).reduce((sum, c) => sum + c.count, 0),
    failed: bucket.counts.filter(c => c.status === 'Failed').reduce((sum, c) => sum + c.count, 0),
  }));
}

export function totals(bars: HourBar[]): Totals {
  return bars.reduce(
    (sum, bar) => ({ accepted: sum.accepted + bar.accepted, sent: sum.sent + bar.sent, failed: sum.failed + bar.failed }),
    { accepted: 0, sent: 0, failed: 0 },
  );
}

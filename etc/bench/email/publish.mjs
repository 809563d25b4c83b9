// Publishes COUNT welcome emails as fast as CONCURRENCY callers can, and times each publish from call to acknowledgement:
//   node publish.mjs http <base url> <api key> <count> <concurrency>     POST /api/app/email-event (stored when answered)
//   node publish.mjs bullmq <redis port> <queue> <count> <concurrency>   Queue.add (in Redis when it resolves)
// Prints one line: RESULT {"count", "errors", "startedAtMs", "finishedAtMs", "p50Ms", "p99Ms", "maxMs"}.
import { performance } from 'node:perf_hooks';

const [target, where, key, countText, concurrencyText] = process.argv.slice(2);
const count = Number(countText);
const concurrency = Number(concurrencyText);
const event = (i) => ({ type: 'Welcome', payload: { to: `reader${i}@example.com`, name: `Reader ${i}` } });

async function publisher() {
  if (target === 'http') {
    return {
      publish: async (i) => {
        const response = await fetch(`${where}/api/app/email-event`, {
          method: 'POST',
          headers: { 'X-Api-Key': key, 'Content-Type': 'application/json' },
          body: JSON.stringify(event(i)),
        });
        await response.arrayBuffer();
        if (response.status !== 202) throw new Error(`answered ${response.status}`);
      },
      close: async () => {},
    };
  }
  if (target === 'bullmq') {
    const { Queue } = await import('bullmq');
    const queue = new Queue(key, { connection: { host: '127.0.0.1', port: Number(where) } });
    await queue.waitUntilReady();
    return {
      publish: (i) => queue.add('welcome', event(i).payload, { removeOnComplete: true }),
      close: () => queue.close(),
    };
  }
  throw new Error(`unknown target '${target}' (http or bullmq)`);
}

const { publish, close } = await publisher();
const latencies = [];
let next = 0;
let errors = 0;
const startedAtMs = Date.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < count) {
    const i = next++;
    const start = performance.now();
    try {
      await publish(i);
      latencies.push(performance.now() - start);
    } catch (error) {
      errors++;
      if (errors <= 5) console.error(`publish ${i} failed: ${error.message}`);
    }
  }
}));
const finishedAtMs = Date.now();
await close();
latencies.sort((a, b) => a - b);
const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN);
console.log('RESULT ' + JSON.stringify({
  count: latencies.length, errors, startedAtMs, finishedAtMs, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies.at(-1) ?? NaN,
}));

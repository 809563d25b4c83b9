// The peer's delivery side: a BullMQ worker sending each job with nodemailer's pooled SMTP transport, CONCURRENCY at
// once over as many connections, until it is stopped. The mail has what the platform's default welcome email has: a
// subject, a text and an HTML part, and a Message-ID derived from the job.
//   node worker.mjs <redis port> <queue> <smtp port> <concurrency>
import { Worker } from 'bullmq';
import nodemailer from 'nodemailer';

const [redisPort, queueName, smtpPort, concurrencyText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const transport = nodemailer.createTransport({
  host: '127.0.0.1', port: Number(smtpPort), secure: false, ignoreTLS: true,
  pool: true, maxConnections: concurrency, maxMessages: 100,
});
const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const worker = new Worker(queueName, async (job) => {
  const { to, name } = job.data;
  await transport.sendMail({
    from: 'shop@example.com',
    to,
    subject: 'Welcome',
    text: `Hello ${name},\n\nwelcome aboard.\n`,
    html: `<p>Hello ${escape(name)},</p><p>welcome aboard.</p>`,
    messageId: `<${job.id}.${queueName}@example.com>`,
  });
}, { connection: { host: '127.0.0.1', port: Number(redisPort), maxRetriesPerRequest: null }, concurrency });

worker.on('failed', (job, error) => console.error(`job ${job?.id} failed: ${error.message}`));
const stop = async () => { await worker.close(); transport.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
console.log('READY');

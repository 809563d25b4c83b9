import { Injectable, inject } from '@angular/core';
import { OAuthService } from 'angular-oauth2-oidc';

/** One Server-Sent Event as the host writes it. */
export interface StreamEvent {
  type: string;
  data: string;
  id: string | null;
}

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Reads the text/event-stream format chunk by chunk: fields up to a blank line make one event; comments are heartbeats. */
export class EventStreamParser {
  private buffer = '';
  private type = '';
  private data: string[] = [];
  private id: string | null = null;
  /** The retry the server asked for (`retry:`), in milliseconds. */
  retryMs: number | null = null;

  push(chunk: string): StreamEvent[] {
    this.buffer += chunk;
    const events: StreamEvent[] = [];
    let end: number;
    while ((end = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(this.buffer.startsWith('\r\n', end) ? end + 2 : end + 1);
      const event = this.line(line);
      if (event) {
        events.push(event);
      }
    }
    return events;
  }

  private line(line: string): StreamEvent | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.type = '';
        return null;
      }
      const event = { type: this.type || 'message', data: this.data.join('\n'), id: this.id };
      this.type = '';
      this.data = [];
      return event;
    }
    if (line.startsWith(':')) {
      return null;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      this.type = value;
    } else if (field === 'data') {
      this.data.push(value);
    } else if (field === 'id') {
      this.id = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) {
      this.retryMs = Number(value);
    }
    return null;
  }
}

export interface EventStreamOptions {
  /** Sent as Last-Event-ID on the first connection (the attachment's `0` asks for the steps taken so far). */
  lastEventId?: string;
  onEvent: (event: StreamEvent) => void;
  onState?: (state: StreamState) => void;
  onError?: (message: string) => void;
}

/**
 * Subscribes to the host's SSE endpoints with fetch, because EventSource cannot send the bearer token and a token in
 * the URL would land in logs. A dropped stream is reopened with Last-Event-ID, so the server replays what was missed.
 */
@Injectable({ providedIn: 'root' })
export class EventStreamService {
  private readonly oauth = inject(OAuthService, { optional: true });
  static readonly defaultRetryMs = 2000;

  /** Opens the stream; the returned function closes it for good. */
  open(url: string, options: EventStreamOptions): () => void {
    const stop = new AbortController();
    void this.run(url, options, stop.signal);
    return () => {
      stop.abort();
      options.onState?.('closed');
    };
  }

  private async run(url: string, options: EventStreamOptions, signal: AbortSignal): Promise<void> {
    let lastEventId = options.lastEventId ?? null;
    let retryMs = EventStreamService.defaultRetryMs;
    options.onState?.('connecting');
    while (!signal.aborted) {
      const parser = new EventStreamParser();
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        const token = this.oauth?.getAccessToken();
        if (token) {
          headers['Authorization'] = `Bearer ${token}`;
        }
        if (lastEventId !== null) {
          headers['Last-Event-ID'] = lastEventId;
        }
        const response = await fetch(url, { headers, signal, cache: 'no-store' });
        if (!response.ok || !response.body) {
          if (response.status !== 429 && response.status < 500) {
            options.onError?.(`The server answered ${response.status}.`);
            options.onState?.('closed');
            return;
          }
          retryMs = Number(response.headers.get('Retry-After') ?? 0) * 1000 || retryMs;
        } else {
          options.onState?.('open');
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) {
              break;
            }
            for (const event of parser.push(value)) {
              if (event.id !== null) {
                lastEventId = event.id;
              }
              options.onEvent(event);
            }
          }
          retryMs = parser.retryMs ?? retryMs;
        }
      } catch {
        if (signal.aborted) {
          return;
        }
      }
      if (!signal.aborted) {
        options.onState?.('reconnecting');
        await new Promise(resolve => setTimeout(resolve, retryMs));
      }
    }
  }
}

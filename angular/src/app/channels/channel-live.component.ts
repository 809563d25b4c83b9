import { DatePipe } from '@angular/common';
import { Component, OnDestroy, OnInit, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { channelGet } from '../api/fn/channel/channel-get';
import { subscribeToChannelEvents } from '../api/fn/channel-events/subscribe-to-channel-events';
import { channelMessageCancelDelayed } from '../api/fn/channel-message/channel-message-cancel-delayed';
import { channelMessageGetDelayed } from '../api/fn/channel-message/channel-message-get-delayed';
import { channelMessageGetList } from '../api/fn/channel-message/channel-message-get-list';
import { channelMessagePost } from '../api/fn/channel-message/channel-message-post';
import { ChannelDto } from '../api/models/channel-dto';
import { ChannelMessageDto } from '../api/models/channel-message-dto';
import { DelayedMessageDto } from '../api/models/delayed-message-dto';
import { EventStreamService, StreamState } from '../core/event-stream';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

const stateText: Record<StreamState, string> = {
  connecting: 'Connecting…', open: 'Live', reconnecting: 'Reconnecting…', closed: 'Not connected',
};

/**
 * A channel as it happens: its recent messages, then each new one over SSE. A dropped stream comes back with
 * Last-Event-ID (the last sequence seen), so the host replays what was missed; a `gap` event reads the history again.
 */
@Component({
  selector: 'app-channel-live',
  imports: [DatePipe, FormsModule, RouterLink, MatCardModule, MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule, StateViewComponent],
  template: `
    <a mat-button routerLink=".."><mat-icon>arrow_back</mat-icon>Channels</a>
    <app-state-view [loading]="channel.loading()" [error]="channel.error()" (retry)="start()">
      @if (channel.value(); as c) {
        <h1>{{ c.name }}</h1>
        @if (c.description) { <p>{{ c.description }}</p> }
        <p class="state" role="status" aria-live="polite" data-testid="stream-state"><mat-icon aria-hidden="true">{{ state() === 'open' ? 'sensors' : 'sensors_off' }}</mat-icon>{{ stateText[state()] }}</p>
        @if (streamError(); as message) { <p class="error" role="alert">{{ message }}</p> }
        @if (canPost()) {
          <form class="post" (ngSubmit)="post()" aria-label="Post a message">
            <mat-form-field class="content">
              <mat-label>Message</mat-label>
              <input matInput [(ngModel)]="content" name="content" required autocomplete="off" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>Deliver at (optional)</mat-label>
              <input matInput type="datetime-local" [(ngModel)]="deliverAt" name="deliverAt" />
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="posting()"><mat-icon>send</mat-icon>Post</button>
            @if (postError(); as message) { <span class="error" role="alert">{{ message }}</span> }
          </form>
        }
        @if (delayed().length > 0) {
          <h2>Delayed messages</h2>
          <ul class="delayed" aria-label="Delayed messages">
            @for (d of delayed(); track d.id) {
              <li>
                <span>{{ d.content }}</span>
                <span>{{ d.deliverAt | date: 'medium' }}</span>
                <span>{{ d.status }}</span>
                @if (d.status === 'Waiting' && canPost()) {
                  <button mat-button type="button" (click)="cancel(d)" [attr.aria-label]="'Cancel the delayed message ' + d.content">Cancel</button>
                }
              </li>
            }
          </ul>
        }
        <h2>Messages</h2>
        @if (messages().length === 0) {
          <p class="empty" role="status">No message yet.</p>
        }
        <ol class="messages" aria-label="Messages" aria-live="polite">
          @for (m of messages(); track m.sequence) {
            <li>
              <span class="sequence">#{{ m.sequence }}</span>
              <span class="content">{{ m.content }}</span>
              <span class="meta">{{ m.postedBy ?? 'API' }} · {{ m.postedAt | date: 'mediumTime' }}</span>
            </li>
          }
        </ol>
      }
    </app-state-view>
  `,
  styles: `
    .state { display: flex; align-items: center; gap: 4px; color: var(--mat-sys-on-surface-variant); }
    .post { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
    .post .content { flex: 1; min-width: 240px; }
    .delayed, .messages { list-style: none; padding: 0; display: grid; gap: 4px; }
    .delayed li, .messages li { display: flex; flex-wrap: wrap; gap: 12px; align-items: baseline; padding: 6px 0;
                                border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .messages .content { flex: 1; }
    .sequence, .meta { color: var(--mat-sys-on-surface-variant); }
    .error { color: var(--mat-sys-error); }
    .empty { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class ChannelLiveComponent implements OnInit, OnDestroy {
  private readonly api = inject(Api);
  private readonly streams = inject(EventStreamService);
  private readonly session = inject(SessionService);
  readonly id = input.required<string>();
  protected readonly stateText = stateText;
  protected readonly canPost = computed(() => this.session.can(Permissions.channelsPost));
  protected readonly channel = new Loader<ChannelDto>(() => this.api.invoke(channelGet, { id: this.id() }));
  protected readonly messages = signal<ChannelMessageDto[]>([]);
  protected readonly delayed = signal<DelayedMessageDto[]>([]);
  protected readonly state = signal<StreamState>('closed');
  protected readonly streamError = signal<string | null>(null);
  protected readonly posting = signal(false);
  protected readonly postError = signal<string | null>(null);
  protected content = '';
  protected deliverAt = '';
  private close: (() => void) | null = null;

  ngOnInit(): void {
    void this.start();
  }

  ngOnDestroy(): void {
    this.close?.();
  }

  /** Reads the channel and its recent messages, then listens from the last of them on. */
  async start(): Promise<void> {
    this.close?.();
    await this.channel.load();
    if (this.channel.error()) {
      return;
    }
    await this.readHistory();
    const last = this.messages().at(-1)?.sequence;
    this.streamError.set(null);
    this.close = this.streams.open(this.api.rootUrl + subscribeToChannelEvents.PATH.replace('{id}', encodeURIComponent(this.id())), {
      lastEventId: last !== undefined ? String(last) : undefined,
      onState: state => this.state.set(state),
      onError: message => this.streamError.set(message),
      onEvent: event => {
        if (event.type === 'message') {
          this.add(JSON.parse(event.data) as ChannelMessageDto);
        } else if (event.type === 'gap') {
          void this.readHistory();
        }
      },
    });
  }

  async post(): Promise<void> {
    this.posting.set(true);
    this.postError.set(null);
    try {
      const result = await this.api.invoke(channelMessagePost, {
        channelId: this.id(), body: { content: this.content, deliverAt: this.deliverAt ? new Date(this.deliverAt).toISOString() : null },
      });
      if (result.delayedMessage) {
        this.delayed.update(list => [...list, result.delayedMessage!]);
      }
      if (result.message) {
        this.add(result.message);
      }
      this.content = '';
      this.deliverAt = '';
    } catch (error) {
      this.postError.set(describeError(error));
    } finally {
      this.posting.set(false);
    }
  }

  async cancel(message: DelayedMessageDto): Promise<void> {
    try {
      await this.api.invoke(channelMessageCancelDelayed, { channelId: this.id(), id: message.id });
      this.replaceDelayed({ ...message, status: 'Cancelled' });
    } catch (error) {
      this.postError.set(describeError(error));
      await this.refreshDelayed();
    }
  }

  private async readHistory(): Promise<void> {
    try {
      const page = await this.api.invoke(channelMessageGetList, { channelId: this.id(), PageSize: 50 });
      this.messages.set([...page.items].sort((a, b) => a.sequence - b.sequence));
    } catch (error) {
      this.streamError.set(describeError(error));
    }
  }

  /** One message in sequence order, once, whether it came from the post's answer, the history or the stream. */
  private add(message: ChannelMessageDto): void {
    if (this.messages().some(m => m.sequence === message.sequence)) {
      return;
    }
    this.messages.update(list => [...list, message].sort((a, b) => a.sequence - b.sequence));
    if (this.delayed().some(d => d.status === 'Waiting')) {
      void this.refreshDelayed();
    }
  }

  private async refreshDelayed(): Promise<void> {
    for (const waiting of this.delayed().filter(d => d.status === 'Waiting')) {
      try {
        this.replaceDelayed(await this.api.invoke(channelMessageGetDelayed, { channelId: this.id(), id: waiting.id }));
      } catch {
        // The next live message asks again.
      }
    }
  }

  private replaceDelayed(message: DelayedMessageDto): void {
    this.delayed.update(list => list.map(d => (d.id === message.id ? message : d)));
  }
}

import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { messageCancel } from '../api/fn/message/message-cancel';
import { messageFeedGetList, MessageFeedGetList$Params } from '../api/fn/message-feed/message-feed-get-list';
import { MessageFeedItemDto } from '../api/models/message-feed-item-dto';
import { MessageFeedPageDto } from '../api/models/message-feed-page-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { cancellable, channels, statuses } from './message-options';
import { SendMessageDialogComponent } from './send-message-dialog.component';

export interface FeedFilters {
  status: string;
  channel: string;
  recipient: string;
  from: string;
  to: string;
}

const noFilters: FeedFilters = { status: '', channel: '', recipient: '', from: '', to: '' };

/** The activity feed: the tenant's messages newest first, filtered and paged by the server's cursor. */
@Component({
  selector: 'app-message-feed',
  imports: [
    FormsModule, DatePipe, RouterLink, MatTableModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule,
    MatIconModule, StateViewComponent,
  ],
  templateUrl: './message-feed.component.html',
})
export class MessageFeedComponent {
  private readonly api = inject(Api);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly session = inject(SessionService);
  protected readonly permissions = Permissions;
  protected readonly statuses = statuses;
  protected readonly channels = channels;
  protected readonly cancellable = cancellable;
  protected readonly columns = ['trackingId', 'status', 'channel', 'recipient', 'acceptedAt', 'attempts', 'actions'];
  protected readonly pageSize = 25;

  protected filters: FeedFilters = { ...noFilters };
  private applied: FeedFilters = { ...noFilters };
  /** The cursors of the pages before this one; the first page has none. */
  private readonly cursors = signal<(string | undefined)[]>([]);
  private readonly cursor = signal<string | undefined>(undefined);
  protected readonly hasPrevious = () => this.cursors().length > 0;
  protected readonly feed = new Loader<MessageFeedPageDto>(() => this.api.invoke(messageFeedGetList, this.query()));

  constructor() {
    void this.feed.load();
  }

  search(): void {
    this.applied = { ...this.filters };
    this.cursors.set([]);
    this.cursor.set(undefined);
    void this.feed.load();
  }

  clear(): void {
    this.filters = { ...noFilters };
    this.search();
  }

  next(): void {
    const nextCursor = this.feed.value()?.nextCursor;
    if (nextCursor) {
      this.cursors.update(list => [...list, this.cursor()]);
      this.cursor.set(nextCursor);
      void this.feed.load();
    }
  }

  previous(): void {
    const list = this.cursors();
    this.cursor.set(list[list.length - 1]);
    this.cursors.set(list.slice(0, -1));
    void this.feed.load();
  }

  openSend(): void {
    this.dialog.open(SendMessageDialogComponent, { width: '560px', maxWidth: '95vw' }).afterClosed().subscribe(sent => {
      if (sent) {
        this.search();
      }
    });
  }

  async cancel(message: MessageFeedItemDto): Promise<void> {
    try {
      const result = await this.api.invoke(messageCancel, { trackingId: message.trackingId });
      this.snackBar.open(`Message ${result.status.toLowerCase()}.`, undefined, { duration: 4000 });
      void this.feed.load();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }

  private query(): MessageFeedGetList$Params {
    const f = this.applied;
    return {
      status: (f.status || undefined) as MessageFeedGetList$Params['status'],
      channel: (f.channel || undefined) as MessageFeedGetList$Params['channel'],
      recipient: f.recipient.trim() || undefined,
      from: f.from ? new Date(f.from).toISOString() : undefined,
      to: f.to ? new Date(f.to).toISOString() : undefined,
      cursor: this.cursor(),
      pageSize: this.pageSize,
    };
  }
}

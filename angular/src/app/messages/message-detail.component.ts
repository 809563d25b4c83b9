import { DatePipe } from '@angular/common';
import { Component, effect, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { messageCancel } from '../api/fn/message/message-cancel';
import { messageGetStatus } from '../api/fn/message/message-get-status';
import { MessageStatusDto } from '../api/models/message-status-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { cancellable } from './message-options';

/** One message: where it stands and its timeline, with cancel while no provider has it yet. */
@Component({
  selector: 'app-message-detail',
  imports: [DatePipe, RouterLink, MatCardModule, MatButtonModule, MatIconModule, StateViewComponent],
  template: `
    <div class="page-actions">
      <a mat-button routerLink="/messages"><mat-icon>arrow_back</mat-icon>Messages</a>
    </div>
    <h1>Message <span class="mono">{{ trackingId() }}</span></h1>
    <app-state-view [loading]="message.loading()" [error]="message.error()" (retry)="message.load()">
      @if (message.value(); as m) {
        <mat-card appearance="outlined">
          <mat-card-content>
            <dl class="facts">
              <dt>Status</dt><dd data-testid="status">{{ m.status }}</dd>
              <dt>Channel</dt><dd>{{ m.channel }}</dd>
              <dt>Priority</dt><dd>{{ m.priority }}</dd>
              <dt>Accepted</dt><dd>{{ m.acceptedAt | date: 'medium' }}</dd>
              <dt>Provider</dt><dd>{{ m.providerName ?? '—' }}</dd>
              <dt>Attempts</dt><dd>{{ m.dispatchAttempts ?? 0 }}</dd>
              @if (m.failureCode) { <dt>Failure</dt><dd class="mono">{{ m.failureCode }}</dd> }
            </dl>
          </mat-card-content>
          @if (session.can(permissions.messagesCancel) && cancellable(m.status)) {
            <mat-card-actions>
              <button mat-stroked-button type="button" (click)="cancel()"><mat-icon>cancel</mat-icon>Cancel the message</button>
            </mat-card-actions>
          }
        </mat-card>
        <h2>Timeline</h2>
        <ol class="timeline" aria-label="Timeline">
          @for (step of m.history; track $index) {
            <li>
              <strong>{{ step.status }}</strong>
              <time [attr.datetime]="step.occurredAt">{{ step.occurredAt | date: 'medium' }}</time>
              @if (step.reason) { <span>{{ step.reason }}</span> }
            </li>
          }
        </ol>
      }
    </app-state-view>
  `,
  styles: `
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
    dt { color: var(--mat-sys-on-surface-variant); }
    dd { margin: 0; }
    h2 { font: var(--mat-sys-title-medium); margin-top: 24px; }
    .timeline { list-style: none; padding: 0; border-left: 2px solid var(--mat-sys-outline-variant); }
    .timeline li { display: flex; flex-wrap: wrap; gap: 12px; padding: 8px 16px; }
  `,
})
export class MessageDetailComponent {
  private readonly api = inject(Api);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly session = inject(SessionService);
  protected readonly permissions = Permissions;
  protected readonly cancellable = cancellable;
  readonly trackingId = input.required<string>();
  protected readonly message = new Loader<MessageStatusDto>(() => this.api.invoke(messageGetStatus, { trackingId: this.trackingId() }));

  constructor() {
    effect(() => {
      this.trackingId();
      void this.message.load();
    });
  }

  async cancel(): Promise<void> {
    try {
      this.message.value.set(await this.api.invoke(messageCancel, { trackingId: this.trackingId() }));
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }
}

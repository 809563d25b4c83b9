import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { messageSendOneWayMessage } from '../api/fn/message/message-send-one-way-message';
import { MessageAcceptedDto } from '../api/models/message-accepted-dto';
import { MessageChannel } from '../api/models/message-channel';
import { MessagePriority } from '../api/models/message-priority';
import { describeError } from '../core/problem';
import { channels, priorities } from './message-options';

/** Sends one message through the real send path; a retry of the same submission is safe (one Idempotency-Key per dialog). */
@Component({
  selector: 'app-send-message-dialog',
  imports: [FormsModule, RouterLink, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>Send a test message</h2>
    <form (ngSubmit)="send()" #form="ngForm">
      <mat-dialog-content>
        <div class="fields">
          <mat-form-field>
            <mat-label>Channel</mat-label>
            <mat-select [(ngModel)]="channel" name="channel" required>
              @for (c of channels; track c) { <mat-option [value]="c">{{ c }}</mat-option> }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Recipient</mat-label>
            <input matInput [(ngModel)]="recipient" name="recipient" required autocomplete="off" />
            <mat-hint>A phone number such as +14155550123, an email address or a webhook URL</mat-hint>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Content</mat-label>
            <textarea matInput [(ngModel)]="content" name="content" required rows="3"></textarea>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Priority</mat-label>
            <mat-select [(ngModel)]="priority" name="priority">
              @for (p of priorities; track p) { <mat-option [value]="p">{{ p }}</mat-option> }
            </mat-select>
          </mat-form-field>
        </div>
        @if (error(); as message) { <p class="error" role="alert">{{ message }}</p> }
        @if (accepted(); as result) {
          <p role="status">Accepted: <a class="mono" [routerLink]="['/messages', result.trackingId]" mat-dialog-close>{{ result.trackingId }}</a></p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="accepted() !== null">Close</button>
        <button mat-flat-button type="submit" [disabled]="form.invalid || sending() || accepted() !== null">Send</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields { display: flex; flex-direction: column; gap: 4px; padding-top: 8px; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class SendMessageDialogComponent {
  private readonly api = inject(Api);
  private readonly dialogRef = inject(MatDialogRef<SendMessageDialogComponent>);
  private readonly idempotencyKey = crypto.randomUUID();
  protected readonly channels = channels;
  protected readonly priorities = priorities;
  protected channel: MessageChannel = 'Sms';
  protected priority: MessagePriority = 'Normal';
  protected recipient = '';
  protected content = '';
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly accepted = signal<MessageAcceptedDto | null>(null);

  async send(): Promise<void> {
    this.sending.set(true);
    this.error.set(null);
    try {
      this.accepted.set(await this.api.invoke(messageSendOneWayMessage, {
        'Idempotency-Key': this.idempotencyKey,
        body: { channel: this.channel, recipient: this.recipient, content: this.content, priority: this.priority },
      }));
      this.dialogRef.disableClose = false;
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.sending.set(false);
    }
  }
}

import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Api } from '../api/api';
import { emailDeadLetterReplay } from '../api/fn/email-dead-letter/email-dead-letter-replay';
import { EmailEventDto } from '../api/models/email-event-dto';
import { describeError } from '../core/problem';
import { parseJsonObject } from '../shared/json-object';

/** Queues one dead letter again, to a corrected recipient or with a corrected payload; the server checks both. */
@Component({
  selector: 'app-replay-dead-letter-dialog',
  imports: [FormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>Replay {{ letter.type }} with corrections</h2>
    <form (ngSubmit)="replay()" #form="ngForm">
      <mat-dialog-content>
        <mat-form-field class="wide">
          <mat-label>Recipient</mat-label>
          <input matInput [(ngModel)]="recipient" name="recipient" type="email" required autocomplete="off" />
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Payload (JSON object, empty keeps the stored one)</mat-label>
          <textarea matInput [(ngModel)]="payload" name="payload" rows="6" class="mono"></textarea>
        </mat-form-field>
        @if (error(); as message) { <p class="error" role="alert">{{ message }}</p> }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="form.invalid || saving()">Replay</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .wide { width: 100%; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class ReplayDeadLetterDialogComponent {
  private readonly api = inject(Api);
  private readonly dialogRef = inject(MatDialogRef<ReplayDeadLetterDialogComponent, EmailEventDto>);
  protected readonly letter = inject<EmailEventDto>(MAT_DIALOG_DATA);
  protected recipient = this.letter.recipient;
  protected payload = '';
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  async replay(): Promise<void> {
    this.error.set(null);
    this.saving.set(true);
    try {
      const recipient = this.recipient.trim();
      const body = {
        recipient: recipient === this.letter.recipient ? null : recipient,
        payload: parseJsonObject(this.payload, 'The payload'),
      };
      this.dialogRef.close(await this.api.invoke(emailDeadLetterReplay, { id: this.letter.id, body }));
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
  }
}

import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Api } from '../api/api';
import { inboundWorkerCreate } from '../api/fn/inbound-worker/inbound-worker-create';
import { inboundWorkerUpdate } from '../api/fn/inbound-worker/inbound-worker-update';
import { INBOUND_EMAIL_ACTION } from '../api/models/inbound-email-action-array';
import { InboundEmailAction } from '../api/models/inbound-email-action';
import { InboundWorkerDto } from '../api/models/inbound-worker-dto';
import { InboundWorkerSecretDto } from '../api/models/inbound-worker-secret-dto';
import { describeError } from '../core/problem';

/** What the dialog closes with: a new worker with its secret, shown once, or the edited worker. */
export type InboundWorkerSaved = { created: InboundWorkerSecretDto } | { updated: InboundWorkerDto };

/** Creates an inbound worker (the mailbox that posts to the webhook) or edits one; null data means a new one. */
@Component({
  selector: 'app-inbound-worker-dialog',
  imports: [FormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ worker ? 'Edit ' + worker.name : 'New inbound worker' }}</h2>
    <form (ngSubmit)="save()" #form="ngForm">
      <mat-dialog-content>
        <mat-form-field class="wide">
          <mat-label>Name</mat-label>
          <input matInput [(ngModel)]="name" name="name" required maxlength="100" autocomplete="off" />
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Default action</mat-label>
          <mat-select [(ngModel)]="defaultAction" name="defaultAction" required>
            @for (a of actions; track a) { <mat-option [value]="a">{{ a }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Default target (forward address or tag)</mat-label>
          <input matInput [(ngModel)]="defaultTarget" name="defaultTarget" autocomplete="off" />
        </mat-form-field>
        <mat-checkbox [(ngModel)]="enabled" name="enabled">Enabled</mat-checkbox>
        @if (error(); as message) { <p class="error" role="alert">{{ message }}</p> }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="form.invalid || saving()">Save</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .wide { width: 100%; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class InboundWorkerDialogComponent {
  private readonly api = inject(Api);
  private readonly dialogRef = inject(MatDialogRef<InboundWorkerDialogComponent, InboundWorkerSaved>);
  protected readonly worker = inject<InboundWorkerDto | null>(MAT_DIALOG_DATA);
  protected readonly actions = INBOUND_EMAIL_ACTION;
  protected name = this.worker?.name ?? '';
  protected defaultAction: InboundEmailAction = this.worker?.defaultAction ?? 'Forward';
  protected defaultTarget = this.worker?.defaultTarget ?? '';
  protected enabled = this.worker?.enabled ?? true;
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  async save(): Promise<void> {
    this.error.set(null);
    this.saving.set(true);
    const body = { name: this.name.trim(), defaultAction: this.defaultAction, defaultTarget: this.defaultTarget.trim() || null, enabled: this.enabled };
    try {
      this.dialogRef.close(this.worker
        ? { updated: await this.api.invoke(inboundWorkerUpdate, { id: this.worker.id, body }) }
        : { created: await this.api.invoke(inboundWorkerCreate, { body }) });
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
  }
}

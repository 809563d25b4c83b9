import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Api } from '../api/api';
import { messageProviderSetConfiguration } from '../api/fn/message-provider/message-provider-set-configuration';
import { MessageChannel } from '../api/models/message-channel';
import { MessageProviderDto } from '../api/models/message-provider-dto';
import { ProviderConfigurationDto } from '../api/models/provider-configuration-dto';
import { describeError } from '../core/problem';

export interface ProviderDialogData {
  channel: MessageChannel;
  providers: MessageProviderDto[];
  current: ProviderConfigurationDto | null;
}

/**
 * A channel's provider settings. Secrets are write-only: the form never holds a stored one, an empty field keeps it
 * (the API's null), and only a value typed here replaces it.
 */
@Component({
  selector: 'app-provider-dialog',
  imports: [FormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.channel }} provider</h2>
    <form (ngSubmit)="save()" #form="ngForm">
      <mat-dialog-content>
        <div class="fields">
          <mat-form-field>
            <mat-label>Provider</mat-label>
            <mat-select [(ngModel)]="provider" name="provider" required>
              @for (p of choices(); track p.name) { <mat-option [value]="p.name">{{ p.name }}</mat-option> }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Base URL</mat-label>
            <input matInput [(ngModel)]="baseUrl" name="baseUrl" type="url" autocomplete="off" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>Sender id</mat-label>
            <input matInput [(ngModel)]="senderId" name="senderId" autocomplete="off" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>Credential</mat-label>
            <input matInput [(ngModel)]="credential" name="credential" type="password" autocomplete="new-password" />
            <mat-hint>{{ data.current?.hasCredential ? 'Stored; leave empty to keep it' : 'None stored' }}</mat-hint>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Signing secret</mat-label>
            <input matInput [(ngModel)]="signingSecret" name="signingSecret" type="password" autocomplete="new-password" />
            <mat-hint>{{ data.current?.hasSigningSecret ? 'Stored; leave empty to keep it' : 'None stored' }}</mat-hint>
          </mat-form-field>
        </div>
        @if (error(); as message) { <p class="error" role="alert">{{ message }}</p> }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="form.invalid || saving()">Save</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields { display: flex; flex-direction: column; gap: 4px; padding-top: 8px; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class ProviderDialogComponent {
  private readonly api = inject(Api);
  private readonly dialogRef = inject(MatDialogRef<ProviderDialogComponent>);
  protected readonly data = inject<ProviderDialogData>(MAT_DIALOG_DATA);
  protected readonly choices = computed(() => this.data.providers.filter(p => p.channels.includes(this.data.channel)));
  protected provider = this.data.current?.provider ?? this.choices()[0]?.name ?? '';
  protected baseUrl = this.data.current?.baseUrl ?? '';
  protected senderId = this.data.current?.senderId ?? '';
  protected credential = '';
  protected signingSecret = '';
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  async save(): Promise<void> {
    this.saving.set(true);
    this.error.set(null);
    try {
      await this.api.invoke(messageProviderSetConfiguration, {
        channel: this.data.channel,
        body: {
          provider: this.provider,
          baseUrl: this.baseUrl.trim() || null,
          senderId: this.senderId.trim() || null,
          credential: this.credential || null,
          signingSecret: this.signingSecret || null,
        },
      });
      this.dialogRef.close(true);
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
  }
}

import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Api } from '../api/api';
import { tenantClearRateLimitOverride } from '../api/fn/tenant/tenant-clear-rate-limit-override';
import { tenantGetRateLimit } from '../api/fn/tenant/tenant-get-rate-limit';
import { tenantSetRateLimitOverride } from '../api/fn/tenant/tenant-set-rate-limit-override';
import { TenantDto } from '../api/models/tenant-dto';
import { TenantRateLimitDto } from '../api/models/tenant-rate-limit-dto';
import { TenantRateLimitOverrideDto } from '../api/models/tenant-rate-limit-override-dto';
import { describeError } from '../core/problem';

/** The override as sent: an empty field falls back to the tier's limit. */
export function overrideBody(requestsPerMinute: number | null, burstLimit: number | null, concurrentRequests: number | null): TenantRateLimitOverrideDto {
  const limit = (value: number | null) => (value === null || Number.isNaN(value) ? null : value);
  return { requestsPerMinute: limit(requestsPerMinute), burstLimit: limit(burstLimit), concurrentRequests: limit(concurrentRequests) };
}

/** A tenant's rate limit as it applies (its tier's, or the override's), and the host admin's override of it. */
@Component({
  selector: 'app-rate-limit-dialog',
  imports: [FormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>Rate limit of {{ tenant.name }}</h2>
    <form (ngSubmit)="save()">
      <mat-dialog-content>
        @if (limit(); as applied) {
          <p role="status">
            In force: {{ applied.requestsPerMinute }} requests per {{ applied.windowSize }}, bursts of {{ applied.burstLimit }},
            {{ applied.concurrentRequests }} at once ({{ applied.override ? 'overridden' : applied.tier + ' tier' }}).
          </p>
        }
        <p>Empty fields keep the tier's limit.</p>
        <mat-form-field class="wide">
          <mat-label>Requests per minute</mat-label>
          <input matInput type="number" min="1" [(ngModel)]="requestsPerMinute" name="requestsPerMinute" />
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Burst limit</mat-label>
          <input matInput type="number" min="1" [(ngModel)]="burstLimit" name="burstLimit" />
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Concurrent requests</mat-label>
          <input matInput type="number" min="1" [(ngModel)]="concurrentRequests" name="concurrentRequests" />
        </mat-form-field>
        @if (error(); as message) { <p class="error" role="alert">{{ message }}</p> }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Close</button>
        <button mat-stroked-button type="button" [disabled]="saving() || !limit()?.override" (click)="clear()">Clear the override</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Save the override</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .wide { width: 100%; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class RateLimitDialogComponent {
  private readonly api = inject(Api);
  protected readonly tenant = inject<TenantDto>(MAT_DIALOG_DATA);
  protected readonly limit = signal<TenantRateLimitDto | null>(null);
  protected requestsPerMinute: number | null = null;
  protected burstLimit: number | null = null;
  protected concurrentRequests: number | null = null;
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    void this.run(() => this.api.invoke(tenantGetRateLimit, { id: this.tenant.id }));
  }

  async save(): Promise<void> {
    const body = overrideBody(this.requestsPerMinute, this.burstLimit, this.concurrentRequests);
    await this.run(() => this.api.invoke(tenantSetRateLimitOverride, { id: this.tenant.id, body }));
  }

  async clear(): Promise<void> {
    await this.run(() => this.api.invoke(tenantClearRateLimitOverride, { id: this.tenant.id }));
  }

  private async run(call: () => Promise<TenantRateLimitDto>): Promise<void> {
    this.saving.set(true);
    this.error.set(null);
    try {
      const limit = await call();
      this.limit.set(limit);
      this.requestsPerMinute = limit.override?.requestsPerMinute ?? null;
      this.burstLimit = limit.override?.burstLimit ?? null;
      this.concurrentRequests = limit.override?.concurrentRequests ?? null;
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
  }
}

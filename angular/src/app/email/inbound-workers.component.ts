import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { inboundWebhookGetStats } from '../api/fn/inbound-webhook/inbound-webhook-get-stats';
import { inboundWorkerDelete } from '../api/fn/inbound-worker/inbound-worker-delete';
import { inboundWorkerGetList } from '../api/fn/inbound-worker/inbound-worker-get-list';
import { inboundWorkerRotateSecret } from '../api/fn/inbound-worker/inbound-worker-rotate-secret';
import { InboundStatsDto } from '../api/models/inbound-stats-dto';
import { InboundWorkerDto } from '../api/models/inbound-worker-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { InboundWorkerDialogComponent, InboundWorkerSaved } from './inbound-worker-dialog.component';

/**
 * The tenant's inbound workers (each a mailbox posting to the signed webhook) and what the inbound rules did with the
 * emails processed so far. A worker's secret is shown once, when it is created or rotated, and kept nowhere.
 */
@Component({
  selector: 'app-inbound-workers',
  imports: [DatePipe, MatTableModule, MatButtonModule, MatIconModule, RouterLink, StateViewComponent],
  template: `
    <div class="page-actions">
      <h1>Inbound email</h1>
      <span class="spacer"></span>
      <a mat-button routerLink="/email/inbound-rules"><mat-icon>rule</mat-icon>Rules</a>
      @if (canManage()) {
        <button mat-flat-button type="button" (click)="edit(null)"><mat-icon>add</mat-icon>New worker</button>
      }
    </div>
    @if (secret(); as shown) {
      <div class="secret" role="status">
        <span>Secret of {{ shown.name }}, shown only this once:</span>
        <code class="mono" data-testid="worker-secret">{{ shown.secret }}</code>
        <button mat-button type="button" (click)="secret.set(null)">Dismiss</button>
      </div>
    }
    @if (stats.value(); as processed) {
      <p aria-label="Processed emails" class="stats">
        Processed emails: {{ processed.forwarded }} forwarded, {{ processed.tagged }} tagged, {{ processed.deleted }} deleted,
        {{ processed.dropped }} dropped.
      </p>
    }
    <app-state-view [loading]="workers.loading()" [error]="workers.error()" [empty]="workers.value()?.length === 0"
                    emptyText="No inbound worker." (retry)="workers.load()">
      @if (workers.value(); as items) {
        <div class="table-scroll">
          <table mat-table [dataSource]="items" aria-label="Inbound workers">
            <ng-container matColumnDef="name"><th mat-header-cell *matHeaderCellDef>Name</th><td mat-cell *matCellDef="let w">{{ w.name }}</td></ng-container>
            <ng-container matColumnDef="enabled"><th mat-header-cell *matHeaderCellDef>Enabled</th><td mat-cell *matCellDef="let w">{{ w.enabled ? 'Yes' : 'No' }}</td></ng-container>
            <ng-container matColumnDef="default">
              <th mat-header-cell *matHeaderCellDef>Default</th>
              <td mat-cell *matCellDef="let w">{{ w.defaultAction }} {{ w.defaultTarget ?? '' }}</td>
            </ng-container>
            <ng-container matColumnDef="webhook">
              <th mat-header-cell *matHeaderCellDef>Webhook</th><td mat-cell *matCellDef="let w"><span class="mono">/api/app/email-webhook/{{ w.id }}</span></td>
            </ng-container>
            <ng-container matColumnDef="updatedAt"><th mat-header-cell *matHeaderCellDef>Updated</th><td mat-cell *matCellDef="let w">{{ w.updatedAt | date: 'medium' }}</td></ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let w">
                <button mat-button type="button" (click)="edit(w)" [attr.aria-label]="'Edit ' + w.name">Edit</button>
                <button mat-button type="button" (click)="rotate(w)" [attr.aria-label]="'Rotate secret of ' + w.name">Rotate secret</button>
                <button mat-button type="button" (click)="remove(w)" [attr.aria-label]="'Delete ' + w.name">Delete</button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let row; columns: columns()"></tr>
          </table>
        </div>
      }
    </app-state-view>
  `,
  styles: `
    .secret { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 8px 12px; margin-bottom: 16px; word-break: break-all;
              border: 1px solid var(--mat-sys-outline-variant); border-radius: 4px; }
  `,
})
export class InboundWorkersComponent {
  private readonly api = inject(Api);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(SessionService);
  protected readonly canManage = computed(() => this.session.can(Permissions.emailInboundManage));
  protected readonly columns = computed(() =>
    ['name', 'enabled', 'default', 'webhook', 'updatedAt', ...(this.canManage() ? ['actions'] : [])]);
  protected readonly secret = signal<{ name: string; secret: string } | null>(null);
  protected readonly workers = new Loader<InboundWorkerDto[]>(() => this.api.invoke(inboundWorkerGetList));
  protected readonly stats = new Loader<InboundStatsDto>(() => this.api.invoke(inboundWebhookGetStats));

  constructor() {
    void this.workers.load();
    void this.stats.load();
  }

  edit(worker: InboundWorkerDto | null): void {
    this.dialog.open(InboundWorkerDialogComponent, { data: worker, width: '520px', maxWidth: '95vw' })
      .afterClosed().subscribe((saved?: InboundWorkerSaved) => {
        if (saved && 'created' in saved) {
          this.secret.set({ name: saved.created.worker.name, secret: saved.created.secret });
        }
        if (saved) {
          void this.workers.load();
        }
      });
  }

  async rotate(worker: InboundWorkerDto): Promise<void> {
    if (!window.confirm(`Rotate the secret of ${worker.name}? The mailbox must be given the new one.`)) {
      return;
    }
    try {
      const rotated = await this.api.invoke(inboundWorkerRotateSecret, { id: worker.id });
      this.secret.set({ name: rotated.worker.name, secret: rotated.secret });
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }

  async remove(worker: InboundWorkerDto): Promise<void> {
    if (!window.confirm(`Delete the inbound worker ${worker.name}?`)) {
      return;
    }
    try {
      await this.api.invoke(inboundWorkerDelete, { id: worker.id });
      void this.workers.load();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }
}

import { DatePipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../api/api';
import { apiKeyGetList } from '../api/fn/api-key/api-key-get-list';
import { apiKeyRevoke } from '../api/fn/api-key/api-key-revoke';
import { ApiKeyDto } from '../api/models/api-key-dto';
import { describeError } from '../core/problem';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { CreateApiKeyDialogComponent } from './create-api-key-dialog.component';

/** The tenant's API keys with their permissions; a new key's secret is shown once, in the dialog that created it. */
@Component({
  selector: 'app-api-keys',
  imports: [DatePipe, MatTableModule, MatButtonModule, MatIconModule, StateViewComponent],
  template: `
    <div class="page-actions">
      <h1>API keys</h1>
      <span class="spacer"></span>
      <button mat-flat-button type="button" (click)="create()"><mat-icon>add</mat-icon>New API key</button>
    </div>
    <app-state-view [loading]="keys.loading()" [error]="keys.error()" [empty]="keys.value()?.length === 0"
                    emptyText="No API key yet." (retry)="keys.load()">
      @if (keys.value(); as list) {
        <div class="table-scroll">
          <table mat-table [dataSource]="list" aria-label="API keys">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef>Name</th>
              <td mat-cell *matCellDef="let k">{{ k.name }}</td>
            </ng-container>
            <ng-container matColumnDef="prefix">
              <th mat-header-cell *matHeaderCellDef>Starts with</th>
              <td mat-cell *matCellDef="let k" class="mono">{{ k.prefix }}…</td>
            </ng-container>
            <ng-container matColumnDef="permissions">
              <th mat-header-cell *matHeaderCellDef>Permissions</th>
              <td mat-cell *matCellDef="let k">{{ k.permissions?.join(', ') ?? 'Everything the tenant may do' }}</td>
            </ng-container>
            <ng-container matColumnDef="lastUsedAt">
              <th mat-header-cell *matHeaderCellDef>Last used</th>
              <td mat-cell *matCellDef="let k">{{ k.lastUsedAt ? (k.lastUsedAt | date: 'medium') : 'Never' }}</td>
            </ng-container>
            <ng-container matColumnDef="state">
              <th mat-header-cell *matHeaderCellDef>State</th>
              <td mat-cell *matCellDef="let k">
                @if (k.revokedAt) { Revoked {{ k.revokedAt | date: 'medium' }} } @else {
                  <button mat-button type="button" (click)="revoke(k)" [attr.aria-label]="'Revoke ' + k.name">Revoke</button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
      }
    </app-state-view>
  `,
})
export class ApiKeysComponent {
  private readonly api = inject(Api);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly columns = ['name', 'prefix', 'permissions', 'lastUsedAt', 'state'];
  protected readonly keys = new Loader<ApiKeyDto[]>(() => this.api.invoke(apiKeyGetList));

  constructor() {
    void this.keys.load();
  }

  create(): void {
    this.dialog.open(CreateApiKeyDialogComponent, { width: '640px', maxWidth: '95vw', disableClose: true })
      .afterClosed().subscribe(() => void this.keys.load());
  }

  async revoke(key: ApiKeyDto): Promise<void> {
    try {
      await this.api.invoke(apiKeyRevoke, { id: key.id });
      void this.keys.load();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }
}

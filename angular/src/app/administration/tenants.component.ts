import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../api/api';
import { tenantCreate } from '../api/fn/tenant/tenant-create';
import { tenantGetList } from '../api/fn/tenant/tenant-get-list';
import { PagedResultDtoOfTenantDto } from '../api/models/paged-result-dto-of-tenant-dto';
import { TenantDto } from '../api/models/tenant-dto';
import { TenantTier } from '../api/models/tenant-tier';
import { describeError } from '../core/problem';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { RateLimitDialogComponent } from './rate-limit-dialog.component';

/** The host admin's tenants, a page at a time, a new tenant with its tier, and each tenant's rate limit with its override. */
@Component({
  selector: 'app-tenants',
  imports: [
    DatePipe, FormsModule, MatTableModule, MatPaginatorModule, MatFormFieldModule, MatInputModule, MatSelectModule,
    MatButtonModule, MatIconModule, StateViewComponent,
  ],
  template: `
    <h1>Tenants</h1>
    <form class="filters" (ngSubmit)="create()" #form="ngForm" aria-label="New tenant">
      <mat-form-field>
        <mat-label>New tenant's name</mat-label>
        <input matInput [(ngModel)]="name" name="name" required autocomplete="off" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Tier</mat-label>
        <mat-select [(ngModel)]="tier" name="tier">
          @for (t of tiers; track t) { <mat-option [value]="t">{{ t }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="form.invalid || saving()"><mat-icon>add</mat-icon>Create</button>
      @if (createError(); as message) { <span class="error" role="alert">{{ message }}</span> }
    </form>
    <app-state-view [loading]="tenants.loading()" [error]="tenants.error()" [empty]="tenants.value()?.totalCount === 0"
                    emptyText="No tenant yet." (retry)="tenants.load()">
      @if (tenants.value(); as page) {
        <div class="table-scroll">
          <table mat-table [dataSource]="page.items" aria-label="Tenants">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef>Name</th>
              <td mat-cell *matCellDef="let t">{{ t.name }}</td>
            </ng-container>
            <ng-container matColumnDef="tier">
              <th mat-header-cell *matHeaderCellDef>Tier</th>
              <td mat-cell *matCellDef="let t">{{ t.tier }}</td>
            </ng-container>
            <ng-container matColumnDef="active">
              <th mat-header-cell *matHeaderCellDef>Active</th>
              <td mat-cell *matCellDef="let t">{{ t.isActive ? 'Yes' : 'No' }}</td>
            </ng-container>
            <ng-container matColumnDef="createdAt">
              <th mat-header-cell *matHeaderCellDef>Created</th>
              <td mat-cell *matCellDef="let t">{{ t.createdAt | date: 'medium' }}</td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let t">
                <button mat-button type="button" (click)="rateLimit(t)" [attr.aria-label]="'Rate limit of ' + t.name">Rate limit</button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[10, 25, 50]" (page)="turn($event)" aria-label="Pages of tenants" />
      }
    </app-state-view>
  `,
  styles: `.error { color: var(--mat-sys-error); }`,
})
export class TenantsComponent {
  private readonly api = inject(Api);
  private readonly dialog = inject(MatDialog);
  protected readonly columns = ['name', 'tier', 'active', 'createdAt', 'actions'];
  protected readonly tiers: TenantTier[] = ['Basic', 'Premium', 'Enterprise'];
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected name = '';
  protected tier: TenantTier = 'Basic';
  protected readonly saving = signal(false);
  protected readonly createError = signal<string | null>(null);
  protected readonly tenants = new Loader<PagedResultDtoOfTenantDto>(() =>
    this.api.invoke(tenantGetList, { skipCount: this.pageIndex() * this.pageSize(), maxResultCount: this.pageSize() }));

  constructor() {
    void this.tenants.load();
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.tenants.load();
  }

  rateLimit(tenant: TenantDto): void {
    this.dialog.open(RateLimitDialogComponent, { data: tenant, width: '520px', maxWidth: '95vw' });
  }

  async create(): Promise<void> {
    this.saving.set(true);
    this.createError.set(null);
    try {
      await this.api.invoke(tenantCreate, { body: { name: this.name, tier: this.tier } });
      this.name = '';
      void this.tenants.load();
    } catch (error) {
      this.createError.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
  }
}

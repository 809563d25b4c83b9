import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../api/api';
import { emailSuppressionDelete } from '../api/fn/email-suppression/email-suppression-delete';
import { emailSuppressionGetList } from '../api/fn/email-suppression/email-suppression-get-list';
import { PagedResultDtoOfEmailSuppressionDto } from '../api/models/paged-result-dto-of-email-suppression-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

/** Addresses no email goes to any more (a permanent refusal), searchable and paged; one can be lifted. */
@Component({
  selector: 'app-suppressions',
  imports: [
    DatePipe, FormsModule, MatTableModule, MatPaginatorModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule,
    StateViewComponent,
  ],
  template: `
    <h1>Suppressed addresses</h1>
    <form class="filters" (ngSubmit)="search()" aria-label="Filters">
      <mat-form-field>
        <mat-label>Address</mat-label>
        <input matInput [(ngModel)]="address" name="address" autocomplete="off" />
      </mat-form-field>
      <button mat-stroked-button type="submit"><mat-icon>search</mat-icon>Search</button>
    </form>
    <app-state-view [loading]="suppressions.loading()" [error]="suppressions.error()" [empty]="suppressions.value()?.totalCount === 0"
                    emptyText="No address is suppressed." (retry)="suppressions.load()">
      @if (suppressions.value(); as page) {
        <div class="table-scroll">
          <table mat-table [dataSource]="page.items" aria-label="Suppressed addresses">
            <ng-container matColumnDef="address"><th mat-header-cell *matHeaderCellDef>Address</th><td mat-cell *matCellDef="let s">{{ s.address }}</td></ng-container>
            <ng-container matColumnDef="reason"><th mat-header-cell *matHeaderCellDef>Reason</th><td mat-cell *matCellDef="let s">{{ s.reason ?? '—' }}</td></ng-container>
            <ng-container matColumnDef="createdAt"><th mat-header-cell *matHeaderCellDef>Since</th><td mat-cell *matCellDef="let s">{{ s.createdAt | date: 'medium' }}</td></ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let s">
                <button mat-button type="button" (click)="lift(s.address)" [attr.aria-label]="'Lift the suppression of ' + s.address">Lift</button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let row; columns: columns()"></tr>
          </table>
        </div>
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[10, 25, 50]" (page)="turn($event)" aria-label="Pages of suppressed addresses" />
      }
    </app-state-view>
  `,
})
export class SuppressionsComponent {
  private readonly api = inject(Api);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(SessionService);
  protected address = '';
  private applied = '';
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly columns = computed(() =>
    ['address', 'reason', 'createdAt', ...(this.session.can(Permissions.emailSuppressions) ? ['actions'] : [])]);
  protected readonly suppressions = new Loader<PagedResultDtoOfEmailSuppressionDto>(() => this.api.invoke(emailSuppressionGetList, {
    Address: this.applied || undefined, SkipCount: this.pageIndex() * this.pageSize(), MaxResultCount: this.pageSize(),
  }));

  constructor() {
    void this.suppressions.load();
  }

  search(): void {
    this.applied = this.address.trim();
    this.pageIndex.set(0);
    void this.suppressions.load();
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.suppressions.load();
  }

  async lift(address: string): Promise<void> {
    try {
      await this.api.invoke(emailSuppressionDelete, { address });
      void this.suppressions.load();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }
}

import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../api/api';
import { securityLogGetList } from '../api/fn/security-log/security-log-get-list';
import { PagedResultDtoOfSecurityLogDto } from '../api/models/paged-result-dto-of-security-log-dto';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

/** Sign-ins (failed ones too), lockouts and changes to accounts and roles of the caller's tenant, newest first. */
@Component({
  selector: 'app-security-log',
  imports: [DatePipe, MatTableModule, MatPaginatorModule, StateViewComponent],
  template: `
    <h1>Security log</h1>
    <app-state-view [loading]="entries.loading()" [error]="entries.error()" [empty]="entries.value()?.totalCount === 0"
                    emptyText="Nothing logged yet." (retry)="entries.load()">
      @if (entries.value(); as page) {
        <div class="table-scroll">
          <table mat-table [dataSource]="page.items" aria-label="Security log">
            <ng-container matColumnDef="createdAt"><th mat-header-cell *matHeaderCellDef>When</th><td mat-cell *matCellDef="let e">{{ e.createdAt | date: 'medium' }}</td></ng-container>
            <ng-container matColumnDef="action"><th mat-header-cell *matHeaderCellDef>What</th><td mat-cell *matCellDef="let e">{{ e.action }}</td></ng-container>
            <ng-container matColumnDef="userName"><th mat-header-cell *matHeaderCellDef>User</th><td mat-cell *matCellDef="let e">{{ e.userName ?? '—' }}</td></ng-container>
            <ng-container matColumnDef="actorName"><th mat-header-cell *matHeaderCellDef>By</th><td mat-cell *matCellDef="let e">{{ e.actorName ?? '—' }}</td></ng-container>
            <ng-container matColumnDef="clientIpAddress"><th mat-header-cell *matHeaderCellDef>From</th><td mat-cell *matCellDef="let e" class="mono">{{ e.clientIpAddress ?? '—' }}</td></ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[10, 25, 50]" (page)="turn($event)" aria-label="Pages of the security log" />
      }
    </app-state-view>
  `,
})
export class SecurityLogComponent {
  private readonly api = inject(Api);
  protected readonly columns = ['createdAt', 'action', 'userName', 'actorName', 'clientIpAddress'];
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly entries = new Loader<PagedResultDtoOfSecurityLogDto>(() =>
    this.api.invoke(securityLogGetList, { skipCount: this.pageIndex() * this.pageSize(), maxResultCount: this.pageSize() }));

  constructor() {
    void this.entries.load();
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.entries.load();
  }
}

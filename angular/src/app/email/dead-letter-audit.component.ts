import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { emailDeadLetterGetAudit } from '../api/fn/email-dead-letter/email-dead-letter-get-audit';
import { PagedResultDtoOfEmailDeadLetterAuditDto } from '../api/models/paged-result-dto-of-email-dead-letter-audit-dto';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

/** Who replayed or purged dead letters, when, how many and with which request, newest first. */
@Component({
  selector: 'app-dead-letter-audit',
  imports: [DatePipe, MatTableModule, MatPaginatorModule, MatButtonModule, MatIconModule, RouterLink, StateViewComponent],
  template: `
    <div class="page-actions">
      <h1>Dead-letter audit</h1>
      <span class="spacer"></span>
      <a mat-button routerLink="/email/dead-letters"><mat-icon>arrow_back</mat-icon>Dead letters</a>
    </div>
    <app-state-view [loading]="audit.loading()" [error]="audit.error()" [empty]="audit.value()?.totalCount === 0"
                    emptyText="No replay or purge yet." (retry)="audit.load()">
      @if (audit.value(); as page) {
        <div class="table-scroll">
          <table mat-table [dataSource]="page.items" aria-label="Dead-letter audit">
            <ng-container matColumnDef="at"><th mat-header-cell *matHeaderCellDef>When</th><td mat-cell *matCellDef="let a">{{ a.at | date: 'medium' }}</td></ng-container>
            <ng-container matColumnDef="action"><th mat-header-cell *matHeaderCellDef>Action</th><td mat-cell *matCellDef="let a">{{ a.action }}</td></ng-container>
            <ng-container matColumnDef="count"><th mat-header-cell *matHeaderCellDef>Count</th><td mat-cell *matCellDef="let a">{{ a.count }}</td></ng-container>
            <ng-container matColumnDef="by"><th mat-header-cell *matHeaderCellDef>By</th><td mat-cell *matCellDef="let a">{{ a.changedByName ?? a.changedBy ?? '—' }}</td></ng-container>
            <ng-container matColumnDef="request"><th mat-header-cell *matHeaderCellDef>Request</th><td mat-cell *matCellDef="let a"><span class="mono">{{ a.request ?? '—' }}</span></td></ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[10, 25, 50]" (page)="turn($event)" aria-label="Pages of the dead-letter audit" />
      }
    </app-state-view>
  `,
})
export class DeadLetterAuditComponent {
  private readonly api = inject(Api);
  protected readonly columns = ['at', 'action', 'count', 'by', 'request'];
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly audit = new Loader<PagedResultDtoOfEmailDeadLetterAuditDto>(() => this.api.invoke(emailDeadLetterGetAudit, {
    SkipCount: this.pageIndex() * this.pageSize(), MaxResultCount: this.pageSize(),
  }));

  constructor() {
    void this.audit.load();
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.audit.load();
  }
}

import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { messageProviderGetSandboxDeliveries } from '../api/fn/message-provider/message-provider-get-sandbox-deliveries';
import { PagedResultDtoOfSandboxDeliveryDto } from '../api/models/paged-result-dto-of-sandbox-delivery-dto';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

/** What the sandbox provider recorded instead of delivering: each attempt with its content, newest first. */
@Component({
  selector: 'app-sandbox',
  imports: [DatePipe, RouterLink, MatTableModule, MatPaginatorModule, StateViewComponent],
  template: `
    <h1>Sandbox recordings</h1>
    <app-state-view [loading]="recordings.loading()" [error]="recordings.error()" [empty]="recordings.value()?.totalCount === 0"
                    emptyText="The sandbox has recorded nothing yet." (retry)="recordings.load()">
      @if (recordings.value(); as page) {
        <div class="table-scroll">
          <table mat-table [dataSource]="page.items" aria-label="Sandbox recordings">
            <ng-container matColumnDef="recordedAt"><th mat-header-cell *matHeaderCellDef>Recorded</th><td mat-cell *matCellDef="let r">{{ r.recordedAt | date: 'medium' }}</td></ng-container>
            <ng-container matColumnDef="message">
              <th mat-header-cell *matHeaderCellDef>Message</th>
              <td mat-cell *matCellDef="let r"><a class="mono" [routerLink]="['/messages', r.messageId]">{{ r.messageId }}</a></td>
            </ng-container>
            <ng-container matColumnDef="channel"><th mat-header-cell *matHeaderCellDef>Channel</th><td mat-cell *matCellDef="let r">{{ r.channel }}</td></ng-container>
            <ng-container matColumnDef="recipient"><th mat-header-cell *matHeaderCellDef>Recipient</th><td mat-cell *matCellDef="let r">{{ r.recipient }}</td></ng-container>
            <ng-container matColumnDef="content"><th mat-header-cell *matHeaderCellDef>Content</th><td mat-cell *matCellDef="let r">{{ r.content }}</td></ng-container>
            <ng-container matColumnDef="attempt"><th mat-header-cell *matHeaderCellDef>Attempt</th><td mat-cell *matCellDef="let r">{{ r.attempt }}</td></ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[10, 25, 50]" (page)="turn($event)" aria-label="Pages of sandbox recordings" />
      }
    </app-state-view>
  `,
})
export class SandboxComponent {
  private readonly api = inject(Api);
  protected readonly columns = ['recordedAt', 'message', 'channel', 'recipient', 'content', 'attempt'];
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly recordings = new Loader<PagedResultDtoOfSandboxDeliveryDto>(() => this.api.invoke(messageProviderGetSandboxDeliveries, {
    SkipCount: this.pageIndex() * this.pageSize(), MaxResultCount: this.pageSize(),
  }));

  constructor() {
    void this.recordings.load();
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.recordings.load();
  }
}

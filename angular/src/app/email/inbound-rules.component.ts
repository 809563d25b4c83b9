import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { emailRuleDelete } from '../api/fn/email-rule/email-rule-delete';
import { emailRuleGetList } from '../api/fn/email-rule/email-rule-get-list';
import { inboundWorkerGetList } from '../api/fn/inbound-worker/inbound-worker-get-list';
import { EMAIL_RULE_KIND } from '../api/models/email-rule-kind-array';
import { EmailRuleDto } from '../api/models/email-rule-dto';
import { EmailRuleKind } from '../api/models/email-rule-kind';
import { InboundWorkerDto } from '../api/models/inbound-worker-dto';
import { PagedResultDtoOfEmailRuleDto } from '../api/models/paged-result-dto-of-email-rule-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { EmailRuleDialogComponent } from './email-rule-dialog.component';

/** The inbound rules in the order they apply, with what each matched and processed; filters and watches are edited here. */
@Component({
  selector: 'app-inbound-rules',
  imports: [
    DatePipe, FormsModule, MatTableModule, MatPaginatorModule, MatFormFieldModule, MatSelectModule, MatButtonModule, MatIconModule,
    RouterLink, StateViewComponent,
  ],
  template: `
    <div class="page-actions">
      <h1>Inbound rules</h1>
      <span class="spacer"></span>
      <a mat-button routerLink="/email/inbound"><mat-icon>move_to_inbox</mat-icon>Workers</a>
      @if (canManage()) {
        <button mat-flat-button type="button" (click)="edit(null)"><mat-icon>add</mat-icon>New rule</button>
      }
    </div>
    <form class="filters" aria-label="Filters">
      <mat-form-field>
        <mat-label>Kind</mat-label>
        <mat-select [(ngModel)]="kind" name="kind" (selectionChange)="search()">
          <mat-option value="">Any</mat-option>
          @for (k of kinds; track k) { <mat-option [value]="k">{{ k }}</mat-option> }
        </mat-select>
      </mat-form-field>
    </form>
    <app-state-view [loading]="rules.loading()" [error]="rules.error()" [empty]="rules.value()?.totalCount === 0"
                    emptyText="No inbound rule." (retry)="rules.load()">
      @if (rules.value(); as page) {
        <div class="table-scroll">
          <table mat-table [dataSource]="page.items" aria-label="Inbound rules">
            <ng-container matColumnDef="order"><th mat-header-cell *matHeaderCellDef>Order</th><td mat-cell *matCellDef="let r">{{ r.order }}</td></ng-container>
            <ng-container matColumnDef="name"><th mat-header-cell *matHeaderCellDef>Name</th><td mat-cell *matCellDef="let r">{{ r.name }}{{ r.enabled ? '' : ' (disabled)' }}</td></ng-container>
            <ng-container matColumnDef="kind"><th mat-header-cell *matHeaderCellDef>Kind</th><td mat-cell *matCellDef="let r">{{ r.kind }}</td></ng-container>
            <ng-container matColumnDef="match">
              <th mat-header-cell *matHeaderCellDef>Match</th>
              <td mat-cell *matCellDef="let r">{{ r.field === 'Header' ? r.headerName : r.field }} {{ r.matchType }} <span class="mono">{{ r.pattern }}</span></td>
            </ng-container>
            <ng-container matColumnDef="action">
              <th mat-header-cell *matHeaderCellDef>Action</th>
              <td mat-cell *matCellDef="let r">{{ r.kind === 'Watch' ? 'Watch' : r.action }} {{ r.target ?? '' }}</td>
            </ng-container>
            <ng-container matColumnDef="worker"><th mat-header-cell *matHeaderCellDef>Worker</th><td mat-cell *matCellDef="let r">{{ workerName(r.workerId) }}</td></ng-container>
            <ng-container matColumnDef="counts">
              <th mat-header-cell *matHeaderCellDef>Hits / processed / deleted</th>
              <td mat-cell *matCellDef="let r">{{ r.hitCount }} / {{ r.processedCount }} / {{ r.deletedCount }}</td>
            </ng-container>
            <ng-container matColumnDef="lastHitAt"><th mat-header-cell *matHeaderCellDef>Last hit</th><td mat-cell *matCellDef="let r">{{ (r.lastHitAt | date: 'medium') ?? '—' }}</td></ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let r">
                <button mat-button type="button" (click)="edit(r)" [attr.aria-label]="'Edit ' + r.name">Edit</button>
                <button mat-button type="button" (click)="remove(r)" [attr.aria-label]="'Delete ' + r.name">Delete</button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let row; columns: columns()"></tr>
          </table>
        </div>
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[25, 50, 100]" (page)="turn($event)" aria-label="Pages of inbound rules" />
      }
    </app-state-view>
  `,
})
export class InboundRulesComponent {
  private readonly api = inject(Api);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(SessionService);
  protected readonly kinds = EMAIL_RULE_KIND;
  protected kind = '';
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(50);
  protected readonly canManage = computed(() => this.session.can(Permissions.emailInboundManage));
  protected readonly columns = computed(() =>
    ['order', 'name', 'kind', 'match', 'action', 'worker', 'counts', 'lastHitAt', ...(this.canManage() ? ['actions'] : [])]);
  private readonly workers = signal<InboundWorkerDto[]>([]);
  protected readonly rules = new Loader<PagedResultDtoOfEmailRuleDto>(() => this.api.invoke(emailRuleGetList, {
    Kind: (this.kind || undefined) as EmailRuleKind | undefined, SkipCount: this.pageIndex() * this.pageSize(), MaxResultCount: this.pageSize(),
  }));

  constructor() {
    void this.rules.load();
    this.api.invoke(inboundWorkerGetList).then(workers => this.workers.set(workers), () => this.workers.set([]));
  }

  workerName(id: string | null): string {
    return id ? this.workers().find(worker => worker.id === id)?.name ?? id : 'Every worker';
  }

  search(): void {
    this.pageIndex.set(0);
    void this.rules.load();
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.rules.load();
  }

  edit(rule: EmailRuleDto | null): void {
    this.dialog.open(EmailRuleDialogComponent, { data: { rule, workers: this.workers() }, width: '640px', maxWidth: '95vw' })
      .afterClosed().subscribe(saved => {
        if (saved) {
          void this.rules.load();
        }
      });
  }

  async remove(rule: EmailRuleDto): Promise<void> {
    if (!window.confirm(`Delete the rule ${rule.name}?`)) {
      return;
    }
    try {
      await this.api.invoke(emailRuleDelete, { id: rule.id });
      void this.rules.load();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }
}

import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { emailDeadLetterGetList, EmailDeadLetterGetList$Params } from '../api/fn/email-dead-letter/email-dead-letter-get-list';
import { emailDeadLetterPurge } from '../api/fn/email-dead-letter/email-dead-letter-purge';
import { emailDeadLetterPurgeMatching } from '../api/fn/email-dead-letter/email-dead-letter-purge-matching';
import { emailDeadLetterReplayMany } from '../api/fn/email-dead-letter/email-dead-letter-replay-many';
import { emailDeadLetterReplayMatching } from '../api/fn/email-dead-letter/email-dead-letter-replay-matching';
import { EmailDeadLetterFilterDto } from '../api/models/email-dead-letter-filter-dto';
import { EmailErrorClass } from '../api/models/email-error-class';
import { EmailEventDto } from '../api/models/email-event-dto';
import { EmailEventType } from '../api/models/email-event-type';
import { ReplayEmailEventsResultDto } from '../api/models/replay-email-events-result-dto';
import { PagedResultDtoOfEmailEventDto } from '../api/models/paged-result-dto-of-email-event-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { ReplayDeadLetterDialogComponent } from './replay-dead-letter-dialog.component';

const types: EmailEventType[] = [
  'OrderConfirmation', 'AdminOrderNotification', 'ShippingNotification', 'OrderStatusUpdate', 'Welcome', 'PasswordReset', 'ContactForm',
];
const errorClasses: EmailErrorClass[] = ['Transient', 'Permanent', 'Throttled'];

/**
 * Emails that used up their attempts, filtered and paged by the server. Chosen ones, or every one the filters match,
 * go back to the queue at a chosen rate or are purged, after a confirmation that says how many; one can be replayed
 * with a corrected recipient or payload.
 */
@Component({
  selector: 'app-dead-letters',
  imports: [
    DatePipe, FormsModule, MatTableModule, MatPaginatorModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule,
    MatButtonModule, MatIconModule, RouterLink, StateViewComponent,
  ],
  template: `
    <div class="page-actions">
      <h1>Dead letters</h1>
      <span class="spacer"></span>
      <a mat-button routerLink="/email/dead-letters/audit"><mat-icon>history</mat-icon>Audit</a>
    </div>
    @if (session.can(permissions.emailDeadLetters)) {
      <div class="page-actions" role="group" aria-label="Replay and purge">
        <mat-form-field subscriptSizing="dynamic" class="rate">
          <mat-label>Replay rate (per second)</mat-label>
          <input matInput type="number" min="0.01" step="any" [(ngModel)]="rate" name="rate" autocomplete="off" />
        </mat-form-field>
        <button mat-flat-button type="button" [disabled]="selected().size === 0 || busy()" (click)="replay()">
          <mat-icon>replay</mat-icon>Replay {{ selected().size }} selected
        </button>
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="replayMatching()">
          <mat-icon>filter_alt</mat-icon>Replay all matching
        </button>
        <button mat-stroked-button type="button" [disabled]="selected().size === 0 || busy()" (click)="purge()">
          <mat-icon>delete</mat-icon>Purge {{ selected().size }} selected
        </button>
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="purgeMatching()">
          <mat-icon>delete_sweep</mat-icon>Purge all matching
        </button>
      </div>
    }
    <form class="filters" (ngSubmit)="search()" aria-label="Filters">
      <mat-form-field>
        <mat-label>Type</mat-label>
        <mat-select [(ngModel)]="type" name="type">
          <mat-option value="">Any</mat-option>
          @for (t of types; track t) { <mat-option [value]="t">{{ t }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Error class</mat-label>
        <mat-select [(ngModel)]="errorClass" name="errorClass">
          <mat-option value="">Any</mat-option>
          @for (c of errorClasses; track c) { <mat-option [value]="c">{{ c }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Reply code</mat-label>
        <input matInput [(ngModel)]="code" name="code" autocomplete="off" />
      </mat-form-field>
      <button mat-stroked-button type="submit"><mat-icon>search</mat-icon>Search</button>
    </form>
    <app-state-view [loading]="letters.loading()" [error]="letters.error()" [empty]="letters.value()?.totalCount === 0"
                    emptyText="No dead letter." (retry)="letters.load()">
      @if (letters.value(); as page) {
        <div class="table-scroll">
          <table mat-table [dataSource]="page.items" aria-label="Dead letters">
            <ng-container matColumnDef="select">
              <th mat-header-cell *matHeaderCellDef>
                <mat-checkbox [checked]="allSelected()" [indeterminate]="selected().size > 0 && !allSelected()"
                              (change)="selectAll()" aria-label="Select every dead letter of this page" />
              </th>
              <td mat-cell *matCellDef="let e">
                <mat-checkbox [checked]="selected().has(e.id)" (change)="toggle(e.id)" [attr.aria-label]="'Select ' + e.recipient + ' ' + e.type" />
              </td>
            </ng-container>
            <ng-container matColumnDef="type"><th mat-header-cell *matHeaderCellDef>Type</th><td mat-cell *matCellDef="let e">{{ e.type }}</td></ng-container>
            <ng-container matColumnDef="recipient"><th mat-header-cell *matHeaderCellDef>Recipient</th><td mat-cell *matCellDef="let e">{{ e.recipient }}</td></ng-container>
            <ng-container matColumnDef="error">
              <th mat-header-cell *matHeaderCellDef>Last error</th>
              <td mat-cell *matCellDef="let e">{{ e.lastErrorClass ?? '—' }} <span class="mono">{{ e.lastReplyCode }} {{ e.lastEnhancedCode }}</span></td>
            </ng-container>
            <ng-container matColumnDef="attempts"><th mat-header-cell *matHeaderCellDef>Attempts</th><td mat-cell *matCellDef="let e">{{ e.attempts.length }}</td></ng-container>
            <ng-container matColumnDef="acceptedAt"><th mat-header-cell *matHeaderCellDef>Accepted</th><td mat-cell *matCellDef="let e">{{ e.acceptedAt | date: 'medium' }}</td></ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let e">
                <button mat-button type="button" (click)="correct(e)" [attr.aria-label]="'Correct and replay ' + e.recipient">Correct</button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let row; columns: columns()"></tr>
          </table>
        </div>
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[10, 25, 50]" (page)="turn($event)" aria-label="Pages of dead letters" />
      }
    </app-state-view>
  `,
  styles: `.rate { width: 15rem; }`,
})
export class DeadLettersComponent {
  private readonly api = inject(Api);
  private readonly snackBar = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);
  protected readonly session = inject(SessionService);
  protected readonly permissions = Permissions;
  protected readonly types = types;
  protected readonly errorClasses = errorClasses;
  protected type = '';
  protected errorClass = '';
  protected code = '';
  protected rate: number | null = null;
  private applied: EmailDeadLetterGetList$Params = {};
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly selected = signal(new Set<string>());
  protected readonly busy = signal(false);
  protected readonly columns = computed(() => this.session.can(Permissions.emailDeadLetters)
    ? ['select', 'type', 'recipient', 'error', 'attempts', 'acceptedAt', 'actions']
    : ['type', 'recipient', 'error', 'attempts', 'acceptedAt']);
  protected readonly letters = new Loader<PagedResultDtoOfEmailEventDto>(() => this.api.invoke(emailDeadLetterGetList, {
    ...this.applied, SkipCount: this.pageIndex() * this.pageSize(), MaxResultCount: this.pageSize(),
  }));
  protected readonly allSelected = computed(() => {
    const items = this.letters.value()?.items ?? [];
    return items.length > 0 && items.every(item => this.selected().has(item.id));
  });

  constructor() {
    void this.letters.load();
  }

  search(): void {
    this.applied = {
      Type: (this.type || undefined) as EmailEventType | undefined,
      ErrorClass: (this.errorClass || undefined) as EmailErrorClass | undefined,
      Code: this.code.trim() || undefined,
    };
    this.pageIndex.set(0);
    this.reload();
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.reload();
  }

  toggle(id: string): void {
    this.selected.update(set => {
      const next = new Set(set);
      if (!next.delete(id)) {
        next.add(id);
      }
      return next;
    });
  }

  selectAll(): void {
    const ids = (this.letters.value()?.items ?? []).map(item => item.id);
    this.selected.set(this.allSelected() ? new Set() : new Set(ids));
  }

  async replay(): Promise<void> {
    await this.act(async () => this.replayed(await this.api.invoke(emailDeadLetterReplayMany, {
      body: { ids: [...this.selected()], ratePerSecond: this.ratePerSecond() },
    })));
  }

  async replayMatching(): Promise<void> {
    await this.act(async () => {
      const count = await this.countMatching();
      if (count > 0 && window.confirm(`Replay all ${count} dead letters matching the filters${this.rateText()}?`)) {
        this.replayed(await this.api.invoke(emailDeadLetterReplayMatching, {
          body: { ...this.filter(), ratePerSecond: this.ratePerSecond() },
        }));
      }
    });
  }

  async purge(): Promise<void> {
    const ids = [...this.selected()];
    if (!window.confirm(`Purge ${ids.length} selected dead letters? They cannot be replayed afterwards.`)) {
      return;
    }
    await this.act(async () => this.purged((await this.api.invoke(emailDeadLetterPurge, { body: { ids } })).purged));
  }

  async purgeMatching(): Promise<void> {
    await this.act(async () => {
      const count = await this.countMatching();
      if (count > 0 && window.confirm(`Purge all ${count} dead letters matching the filters? They cannot be replayed afterwards.`)) {
        this.purged((await this.api.invoke(emailDeadLetterPurgeMatching, { body: this.filter() })).purged);
      }
    });
  }

  correct(letter: EmailEventDto): void {
    this.dialog.open(ReplayDeadLetterDialogComponent, { data: letter, width: '560px', maxWidth: '95vw' })
      .afterClosed().subscribe(replayed => {
        if (replayed) {
          this.snackBar.open(`Queued again to ${(replayed as EmailEventDto).recipient}.`, undefined, { duration: 4000 });
          this.reload();
        }
      });
  }

  /** How many the applied filters match now, told to the user before an action on all of them. */
  private async countMatching(): Promise<number> {
    const page = await this.api.invoke(emailDeadLetterGetList, { ...this.applied, SkipCount: 0, MaxResultCount: 1 });
    if (page.totalCount === 0) {
      this.snackBar.open('No dead letter matches the filters.', undefined, { duration: 4000 });
    }
    return page.totalCount;
  }

  private filter(): EmailDeadLetterFilterDto {
    return { type: this.applied.Type ?? null, errorClass: this.applied.ErrorClass ?? null, code: this.applied.Code ?? null };
  }

  private ratePerSecond(): number | null {
    return this.rate && this.rate > 0 ? this.rate : null;
  }

  private rateText(): string {
    const rate = this.ratePerSecond();
    return rate ? ` at ${rate} per second` : '';
  }

  private replayed(result: ReplayEmailEventsResultDto): void {
    this.snackBar.open(`${result.replayed} queued again.`, undefined, { duration: 4000 });
    this.reload();
  }

  private purged(count: number): void {
    this.snackBar.open(`${count} purged.`, undefined, { duration: 4000 });
    this.reload();
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await action();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    } finally {
      this.busy.set(false);
    }
  }

  private reload(): void {
    this.selected.set(new Set());
    void this.letters.load();
  }
}

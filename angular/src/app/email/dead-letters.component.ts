import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../api/api';
import { emailDeadLetterGetList, EmailDeadLetterGetList$Params } from '../api/fn/email-dead-letter/email-dead-letter-get-list';
import { emailDeadLetterReplayMany } from '../api/fn/email-dead-letter/email-dead-letter-replay-many';
import { EmailErrorClass } from '../api/models/email-error-class';
import { EmailEventType } from '../api/models/email-event-type';
import { PagedResultDtoOfEmailEventDto } from '../api/models/paged-result-dto-of-email-event-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

const types: EmailEventType[] = [
  'OrderConfirmation', 'AdminOrderNotification', 'ShippingNotification', 'OrderStatusUpdate', 'Welcome', 'PasswordReset', 'ContactForm',
];
const errorClasses: EmailErrorClass[] = ['Transient', 'Permanent', 'Throttled'];

/** Emails that used up their attempts, filtered and paged by the server; chosen ones go back to the queue. */
@Component({
  selector: 'app-dead-letters',
  imports: [
    DatePipe, FormsModule, MatTableModule, MatPaginatorModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule,
    MatButtonModule, MatIconModule, StateViewComponent,
  ],
  template: `
    <div class="page-actions">
      <h1>Dead letters</h1>
      <span class="spacer"></span>
      @if (session.can(permissions.emailDeadLetters)) {
        <button mat-flat-button type="button" [disabled]="selected().size === 0 || replaying()" (click)="replay()">
          <mat-icon>replay</mat-icon>Replay {{ selected().size }} selected
        </button>
      }
    </div>
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
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let row; columns: columns()"></tr>
          </table>
        </div>
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[10, 25, 50]" (page)="turn($event)" aria-label="Pages of dead letters" />
      }
    </app-state-view>
  `,
})
export class DeadLettersComponent {
  private readonly api = inject(Api);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly session = inject(SessionService);
  protected readonly permissions = Permissions;
  protected readonly types = types;
  protected readonly errorClasses = errorClasses;
  protected type = '';
  protected errorClass = '';
  protected code = '';
  private applied: EmailDeadLetterGetList$Params = {};
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly selected = signal(new Set<string>());
  protected readonly replaying = signal(false);
  protected readonly columns = computed(() =>
    [...(this.session.can(Permissions.emailDeadLetters) ? ['select'] : []), 'type', 'recipient', 'error', 'attempts', 'acceptedAt']);
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
    this.replaying.set(true);
    try {
      const result = await this.api.invoke(emailDeadLetterReplayMany, { body: { ids: [...this.selected()] } });
      this.snackBar.open(`${result.replayed} queued again.`, undefined, { duration: 4000 });
      this.reload();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    } finally {
      this.replaying.set(false);
    }
  }

  private reload(): void {
    this.selected.set(new Set());
    void this.letters.load();
  }
}

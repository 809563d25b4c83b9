import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { channelCreate } from '../api/fn/channel/channel-create';
import { channelGetList } from '../api/fn/channel/channel-get-list';
import { PagedResultDtoOfChannelListItemDto } from '../api/models/paged-result-dto-of-channel-list-item-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

/** The tenant's channels, searchable and a page at a time, and a new channel. */
@Component({
  selector: 'app-channels',
  imports: [
    DatePipe, FormsModule, RouterLink, MatTableModule, MatPaginatorModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule,
    StateViewComponent,
  ],
  template: `
    <h1>Channels</h1>
    @if (canManage()) {
      <form class="create" (ngSubmit)="create()" aria-label="New channel">
        <mat-form-field>
          <mat-label>Name</mat-label>
          <input matInput [(ngModel)]="name" name="name" required autocomplete="off" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Description</mat-label>
          <input matInput [(ngModel)]="description" name="description" autocomplete="off" />
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="creating()"><mat-icon>add</mat-icon>Create channel</button>
        @if (createError(); as message) { <span class="error" role="alert">{{ message }}</span> }
      </form>
    }
    <form class="filters" (ngSubmit)="search()" aria-label="Filters">
      <mat-form-field>
        <mat-label>Name or description</mat-label>
        <input matInput [(ngModel)]="filter" name="filter" autocomplete="off" />
      </mat-form-field>
      <button mat-stroked-button type="submit"><mat-icon>search</mat-icon>Search</button>
    </form>
    <app-state-view [loading]="channels.loading()" [error]="channels.error()" [empty]="channels.value()?.totalCount === 0"
                    emptyText="No channel yet." (retry)="channels.load()">
      @if (channels.value(); as page) {
        <div class="table-scroll">
          <table mat-table [dataSource]="page.items" aria-label="Channels">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef>Name</th>
              <td mat-cell *matCellDef="let c"><a [routerLink]="c.id">{{ c.name }}</a></td>
            </ng-container>
            <ng-container matColumnDef="description"><th mat-header-cell *matHeaderCellDef>Description</th><td mat-cell *matCellDef="let c">{{ c.description ?? '—' }}</td></ng-container>
            <ng-container matColumnDef="messages"><th mat-header-cell *matHeaderCellDef>Messages</th><td mat-cell *matCellDef="let c">{{ c.messageCount }}</td></ng-container>
            <ng-container matColumnDef="subscribers"><th mat-header-cell *matHeaderCellDef>Subscribers</th><td mat-cell *matCellDef="let c">{{ c.subscriberCount }}</td></ng-container>
            <ng-container matColumnDef="createdAt"><th mat-header-cell *matHeaderCellDef>Created</th><td mat-cell *matCellDef="let c">{{ c.createdAt | date: 'medium' }}</td></ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[10, 25, 50]" (page)="turn($event)" aria-label="Pages of channels" />
      }
    </app-state-view>
  `,
  styles: `
    .create { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class ChannelsComponent {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);
  protected readonly columns = ['name', 'description', 'messages', 'subscribers', 'createdAt'];
  protected readonly canManage = computed(() => this.session.can(Permissions.channelsManage));
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly creating = signal(false);
  protected readonly createError = signal<string | null>(null);
  protected name = '';
  protected description = '';
  protected filter = '';
  private applied = '';
  protected readonly channels = new Loader<PagedResultDtoOfChannelListItemDto>(() => this.api.invoke(channelGetList, {
    Filter: this.applied || undefined, SkipCount: this.pageIndex() * this.pageSize(), MaxResultCount: this.pageSize(),
  }));

  constructor() {
    void this.channels.load();
  }

  search(): void {
    this.applied = this.filter.trim();
    this.pageIndex.set(0);
    void this.channels.load();
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.channels.load();
  }

  /** Creates the channel and opens its live view. */
  async create(): Promise<void> {
    this.creating.set(true);
    this.createError.set(null);
    try {
      const channel = await this.api.invoke(channelCreate, { body: { name: this.name.trim(), description: this.description.trim() || null } });
      await this.router.navigate(['/channels', channel.id]);
    } catch (error) {
      this.createError.set(describeError(error));
    } finally {
      this.creating.set(false);
    }
  }
}

import { Component, inject, signal } from '@angular/core';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../api/api';
import { identityUserGetList } from '../api/fn/identity-user/identity-user-get-list';
import { PagedResultDtoOfIdentityUserDto } from '../api/models/paged-result-dto-of-identity-user-dto';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

/** The users of the caller's tenant (or the host's), a page at a time from the server. */
@Component({
  selector: 'app-users',
  imports: [MatTableModule, MatPaginatorModule, StateViewComponent],
  template: `
    <h1>Users</h1>
    <app-state-view [loading]="users.loading()" [error]="users.error()" [empty]="users.value()?.totalCount === 0"
                    emptyText="No user yet." (retry)="users.load()">
      @if (users.value(); as page) {
        <div class="table-scroll">
          <table mat-table [dataSource]="page.items" aria-label="Users">
            <ng-container matColumnDef="userName">
              <th mat-header-cell *matHeaderCellDef>User name</th>
              <td mat-cell *matCellDef="let u">{{ u.userName }}</td>
            </ng-container>
            <ng-container matColumnDef="email">
              <th mat-header-cell *matHeaderCellDef>Email</th>
              <td mat-cell *matCellDef="let u">{{ u.email ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="roles">
              <th mat-header-cell *matHeaderCellDef>Roles</th>
              <td mat-cell *matCellDef="let u">{{ u.roleNames.join(', ') }}</td>
            </ng-container>
            <ng-container matColumnDef="active">
              <th mat-header-cell *matHeaderCellDef>Active</th>
              <td mat-cell *matCellDef="let u">{{ u.isActive ? 'Yes' : 'No' }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[10, 25, 50]" (page)="turn($event)" aria-label="Pages of users" />
      }
    </app-state-view>
  `,
})
export class UsersComponent {
  private readonly api = inject(Api);
  protected readonly columns = ['userName', 'email', 'roles', 'active'];
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly users = new Loader<PagedResultDtoOfIdentityUserDto>(() =>
    this.api.invoke(identityUserGetList, { skipCount: this.pageIndex() * this.pageSize(), maxResultCount: this.pageSize() }));

  constructor() {
    void this.users.load();
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.users.load();
  }
}

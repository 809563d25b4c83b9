import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../api/api';
import { identityRoleGetList } from '../api/fn/identity-role/identity-role-get-list';
import { identityUserDelete } from '../api/fn/identity-user/identity-user-delete';
import { identityUserGetList } from '../api/fn/identity-user/identity-user-get-list';
import { identityUserUpdate } from '../api/fn/identity-user/identity-user-update';
import { IdentityUserDto } from '../api/models/identity-user-dto';
import { PagedResultDtoOfIdentityUserDto } from '../api/models/paged-result-dto-of-identity-user-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { UserDialogComponent, userUpdate } from './user-dialog.component';

/** The users of the caller's tenant (or the host's), a page at a time from the server: created, edited, disabled, deleted. */
@Component({
  selector: 'app-users',
  imports: [DatePipe, MatTableModule, MatPaginatorModule, MatButtonModule, MatIconModule, StateViewComponent],
  template: `
    <div class="page-actions">
      <h1>Users</h1>
      <span class="spacer"></span>
      <button mat-flat-button type="button" (click)="edit(null)"><mat-icon>person_add</mat-icon>New user</button>
    </div>
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
              <td mat-cell *matCellDef="let u">
                {{ u.isActive ? 'Yes' : 'No' }}
                @if (lockedOut(u)) { <span>(locked out until {{ u.lockoutEnd | date: 'medium' }})</span> }
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let u">
                <button mat-button type="button" (click)="edit(u)" [attr.aria-label]="'Edit ' + u.userName">Edit</button>
                <button mat-button type="button" (click)="setActive(u, !u.isActive)"
                        [attr.aria-label]="(u.isActive ? 'Disable ' : 'Enable ') + u.userName">{{ u.isActive ? 'Disable' : 'Enable' }}</button>
                <button mat-button type="button" (click)="remove(u)" [attr.aria-label]="'Delete ' + u.userName">Delete</button>
              </td>
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
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(SessionService);
  protected readonly columns = ['userName', 'email', 'roles', 'active', 'actions'];
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  private readonly roleNames = signal<string[]>([]);
  private readonly knownRoleNames = computed(() =>
    [...new Set([...this.roleNames(), ...(this.users.value()?.items ?? []).flatMap(user => user.roleNames)])].sort());
  protected readonly users = new Loader<PagedResultDtoOfIdentityUserDto>(() =>
    this.api.invoke(identityUserGetList, { skipCount: this.pageIndex() * this.pageSize(), maxResultCount: this.pageSize() }));

  constructor() {
    void this.users.load();
    if (this.session.can(Permissions.roles)) {
      this.api.invoke(identityRoleGetList).then(roles => this.roleNames.set(roles.map(role => role.name)), () => this.roleNames.set([]));
    }
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.users.load();
  }

  lockedOut(user: IdentityUserDto): boolean {
    return !!user.lockoutEnd && new Date(user.lockoutEnd).getTime() > Date.now();
  }

  edit(user: IdentityUserDto | null): void {
    this.dialog.open(UserDialogComponent, { data: { user, roleNames: this.knownRoleNames() }, width: '600px', maxWidth: '95vw' })
      .afterClosed().subscribe(saved => {
        if (saved) {
          void this.users.load();
        }
      });
  }

  async setActive(user: IdentityUserDto, isActive: boolean): Promise<void> {
    if (!isActive && !window.confirm(`Disable ${user.userName}? The user can no longer sign in.`)) {
      return;
    }
    try {
      await this.api.invoke(identityUserUpdate, { id: user.id, body: userUpdate(user, { isActive }) });
      void this.users.load();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }

  async remove(user: IdentityUserDto): Promise<void> {
    if (!window.confirm(`Delete the user ${user.userName}?`)) {
      return;
    }
    try {
      await this.api.invoke(identityUserDelete, { id: user.id });
      void this.users.load();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }
}

import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api } from '../api/api';
import { identityRoleCreate } from '../api/fn/identity-role/identity-role-create';
import { identityRoleDelete } from '../api/fn/identity-role/identity-role-delete';
import { identityRoleGetList } from '../api/fn/identity-role/identity-role-get-list';
import { permissionsGet } from '../api/fn/permissions/permissions-get';
import { permissionsUpdate } from '../api/fn/permissions/permissions-update';
import { IdentityRoleDto } from '../api/models/identity-role-dto';
import { PermissionGrantInfoDto } from '../api/models/permission-grant-info-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

/** The role provider of ABP's permission-management route: the key is the role's name. */
const roleProvider = 'R';

/** The roles of the caller's side and what each grants; the static ones are read-only, the tenant's own are created, granted and deleted here. */
@Component({
  selector: 'app-roles',
  imports: [
    FormsModule, MatCardModule, MatChipsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatIconModule,
    StateViewComponent,
  ],
  template: `
    <h1>Roles</h1>
    @if (canManage()) {
      <form class="create" (ngSubmit)="create()" aria-label="New role">
        <mat-form-field>
          <mat-label>Role name</mat-label>
          <input matInput [(ngModel)]="name" name="name" required autocomplete="off" />
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()"><mat-icon>add</mat-icon>Create role</button>
      </form>
    }
    <app-state-view [loading]="roles.loading()" [error]="roles.error()" [empty]="roles.value()?.length === 0"
                    emptyText="No role." (retry)="roles.load()">
      <div class="roles">
        @for (role of roles.value() ?? []; track role.name) {
          <mat-card appearance="outlined">
            <mat-card-header>
              <h2 matCardTitle>{{ role.name }}</h2>
              <span matCardSubtitle>{{ role.isStatic ? 'Built in, read-only' : 'This tenant\\'s role' }}</span>
            </mat-card-header>
            <mat-card-content>
              @if (editing() === role.name) {
                <fieldset class="grants">
                  <legend>Permissions of {{ role.name }}</legend>
                  @for (grant of grants(); track grant.name) {
                    <mat-checkbox [checked]="grant.isGranted" (change)="toggle(grant.name, $event.checked)">{{ grant.name }}</mat-checkbox>
                  }
                </fieldset>
              } @else {
                <mat-chip-set [attr.aria-label]="'Permissions of ' + role.name">
                  @for (permission of role.permissions; track permission) { <mat-chip>{{ permission }}</mat-chip> }
                </mat-chip-set>
                @if (role.permissions.length === 0) { <p class="none">No permission granted.</p> }
              }
            </mat-card-content>
            @if (canManage() && !role.isStatic) {
              <mat-card-actions>
                @if (editing() === role.name) {
                  <button mat-flat-button type="button" [disabled]="busy()" (click)="save(role)">Save permissions</button>
                  <button mat-button type="button" (click)="editing.set(null)">Cancel</button>
                } @else {
                  <button mat-stroked-button type="button" (click)="edit(role)" [attr.aria-label]="'Edit the permissions of ' + role.name">
                    <mat-icon>edit</mat-icon>Permissions
                  </button>
                  <button mat-button type="button" (click)="remove(role)" [attr.aria-label]="'Delete the role ' + role.name">
                    <mat-icon>delete</mat-icon>Delete
                  </button>
                }
              </mat-card-actions>
            }
          </mat-card>
        }
      </div>
    </app-state-view>
  `,
  styles: `
    .create { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
    .roles { display: grid; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); }
    .grants { display: grid; border: none; padding: 0; margin: 0; }
    .none { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class RolesComponent {
  private readonly api = inject(Api);
  private readonly session = inject(SessionService);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly canManage = computed(() => this.session.can(Permissions.roles));
  protected readonly roles = new Loader<IdentityRoleDto[]>(() => this.api.invoke(identityRoleGetList));
  protected readonly editing = signal<string | null>(null);
  protected readonly grants = signal<PermissionGrantInfoDto[]>([]);
  protected readonly busy = signal(false);
  protected name = '';

  constructor() {
    void this.roles.load();
  }

  async create(): Promise<void> {
    await this.act(async () => {
      const role = await this.api.invoke(identityRoleCreate, { body: { name: this.name.trim() } });
      this.name = '';
      await this.roles.load();
      await this.edit(role);
    });
  }

  /** Reads what the role may be granted (the permissions of the caller's side) with what it has. */
  async edit(role: IdentityRoleDto): Promise<void> {
    await this.act(async () => {
      const list = await this.api.invoke(permissionsGet, { providerName: roleProvider, providerKey: role.name });
      this.grants.set(list.permissions);
      this.editing.set(role.name);
    });
  }

  toggle(name: string, granted: boolean): void {
    this.grants.update(list => list.map(grant => (grant.name === name ? { ...grant, isGranted: granted } : grant)));
  }

  async save(role: IdentityRoleDto): Promise<void> {
    await this.act(async () => {
      await this.api.invoke(permissionsUpdate, {
        providerName: roleProvider, providerKey: role.name,
        body: { permissions: this.grants().map(grant => ({ name: grant.name, isGranted: grant.isGranted })) },
      });
      this.editing.set(null);
      await this.roles.load();
    });
  }

  async remove(role: IdentityRoleDto): Promise<void> {
    if (!role.id || !window.confirm(`Delete the role ${role.name}?`)) {
      return;
    }
    const id = role.id;
    await this.act(async () => {
      await this.api.invoke(identityRoleDelete, { id });
      await this.roles.load();
    });
  }

  private async act(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await work();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    } finally {
      this.busy.set(false);
    }
  }
}

import { Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { Api } from '../api/api';
import { identityRoleGetList } from '../api/fn/identity-role/identity-role-get-list';
import { IdentityRoleDto } from '../api/models/identity-role-dto';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

/** The platform's roles of the caller's side and the permissions each grants (roles are static). */
@Component({
  selector: 'app-roles',
  imports: [MatCardModule, MatChipsModule, StateViewComponent],
  template: `
    <h1>Roles</h1>
    <app-state-view [loading]="roles.loading()" [error]="roles.error()" [empty]="roles.value()?.length === 0"
                    emptyText="No role." (retry)="roles.load()">
      <div class="roles">
        @for (role of roles.value() ?? []; track role.name) {
          <mat-card appearance="outlined">
            <mat-card-header><h2 matCardTitle>{{ role.name }}</h2></mat-card-header>
            <mat-card-content>
              <mat-chip-set [attr.aria-label]="'Permissions of ' + role.name">
                @for (permission of role.permissions; track permission) { <mat-chip>{{ permission }}</mat-chip> }
              </mat-chip-set>
            </mat-card-content>
          </mat-card>
        }
      </div>
    </app-state-view>
  `,
  styles: `.roles { display: grid; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); }`,
})
export class RolesComponent {
  private readonly api = inject(Api);
  protected readonly roles = new Loader<IdentityRoleDto[]>(() => this.api.invoke(identityRoleGetList));

  constructor() {
    void this.roles.load();
  }
}

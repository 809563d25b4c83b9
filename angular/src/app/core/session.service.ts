import { Injectable, computed, inject, signal } from '@angular/core';
import { Api } from '../api/api';
import { myProfileGetGrantedPermissions } from '../api/fn/my-profile/my-profile-get-granted-permissions';
import { GrantedPermissionsDto } from '../api/models/granted-permissions-dto';

/** Who is signed in, in which tenant, and what the menus and buttons may offer. */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly api = inject(Api);
  private readonly current = signal<GrantedPermissionsDto | null>(null);

  readonly loaded = computed(() => this.current() !== null);
  readonly userName = computed(() => this.current()?.userName ?? '');
  readonly tenantName = computed(() => this.current()?.tenantName ?? null);
  readonly isHost = computed(() => this.loaded() && !this.current()?.tenantId);
  readonly grantedList = computed(() => this.current()?.granted ?? []);
  private readonly granted = computed(() => new Set(this.grantedList()));

  async load(): Promise<void> {
    this.current.set(await this.api.invoke(myProfileGetGrantedPermissions));
  }

  can(permission: string): boolean {
    return this.granted().has(permission);
  }

  /** For tests and for a user who signed out. */
  set(session: GrantedPermissionsDto | null): void {
    this.current.set(session);
  }
}

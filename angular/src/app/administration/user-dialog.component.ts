import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Api } from '../api/api';
import { identityUserCreate } from '../api/fn/identity-user/identity-user-create';
import { identityUserUpdate } from '../api/fn/identity-user/identity-user-update';
import { IdentityUserDto } from '../api/models/identity-user-dto';
import { IdentityUserUpdateDto } from '../api/models/identity-user-update-dto';
import { describeError } from '../core/problem';

export interface UserDialogData {
  user: IdentityUserDto | null;
  roleNames: string[];
}

/** The update that keeps everything of the user but what is changed (the password is kept unless a new one is given). */
export function userUpdate(user: IdentityUserDto, changes: Partial<IdentityUserUpdateDto> = {}): IdentityUserUpdateDto {
  return {
    userName: user.userName, email: user.email, name: user.name, surname: user.surname, roleNames: user.roleNames, isActive: user.isActive,
    password: null, ...changes,
  };
}

/** Creates a user with a first password, or edits one: names, email, roles, whether it may sign in, a new password. */
@Component({
  selector: 'app-user-dialog',
  imports: [FormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.user ? 'Edit ' + data.user.userName : 'New user' }}</h2>
    <form (ngSubmit)="save()" #form="ngForm">
      <mat-dialog-content class="grid">
        <mat-form-field>
          <mat-label>User name</mat-label>
          <input matInput [(ngModel)]="userName" name="userName" required maxlength="256" autocomplete="off" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Email</mat-label>
          <input matInput [(ngModel)]="email" name="email" type="email" autocomplete="off" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Name</mat-label>
          <input matInput [(ngModel)]="name" name="name" autocomplete="off" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Surname</mat-label>
          <input matInput [(ngModel)]="surname" name="surname" autocomplete="off" />
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Roles</mat-label>
          <mat-select [(ngModel)]="roleNames" name="roleNames" multiple>
            @for (role of data.roleNames; track role) { <mat-option [value]="role">{{ role }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>{{ data.user ? 'New password (empty keeps the current one)' : 'Password' }}</mat-label>
          <input matInput [(ngModel)]="password" name="password" type="password" [required]="!data.user" autocomplete="new-password" />
        </mat-form-field>
        <mat-checkbox [(ngModel)]="isActive" name="isActive">Enabled (may sign in)</mat-checkbox>
        @if (error(); as message) { <p class="error wide" role="alert">{{ message }}</p> }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="form.invalid || saving()">Save</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 0 12px; align-items: baseline; }
    .wide { grid-column: 1 / -1; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class UserDialogComponent {
  private readonly api = inject(Api);
  private readonly dialogRef = inject(MatDialogRef<UserDialogComponent, IdentityUserDto>);
  protected readonly data = inject<UserDialogData>(MAT_DIALOG_DATA);
  protected userName = this.data.user?.userName ?? '';
  protected email = this.data.user?.email ?? '';
  protected name = this.data.user?.name ?? '';
  protected surname = this.data.user?.surname ?? '';
  protected roleNames = [...(this.data.user?.roleNames ?? [])];
  protected password = '';
  protected isActive = this.data.user?.isActive ?? true;
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  async save(): Promise<void> {
    this.error.set(null);
    this.saving.set(true);
    const body = {
      userName: this.userName.trim(), email: this.email.trim() || null, name: this.name.trim() || null, surname: this.surname.trim() || null,
      roleNames: this.roleNames, isActive: this.isActive, password: this.password || null,
    };
    try {
      this.dialogRef.close(this.data.user
        ? await this.api.invoke(identityUserUpdate, { id: this.data.user.id, body })
        : await this.api.invoke(identityUserCreate, { body }));
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
  }
}

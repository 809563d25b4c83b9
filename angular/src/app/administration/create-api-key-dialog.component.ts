import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Api } from '../api/api';
import { apiKeyCreate } from '../api/fn/api-key/api-key-create';
import { ApiKeyCreatedDto } from '../api/models/api-key-created-dto';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';

/**
 * Creates a key with the permissions it needs (at most the caller's own). The raw key lives only in this dialog:
 * it is never stored in the browser, and closing the dialog forgets it.
 */
@Component({
  selector: 'app-create-api-key-dialog',
  imports: [FormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatCheckboxModule, MatButtonModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>New API key</h2>
    @if (created(); as key) {
      <mat-dialog-content>
        <p role="status">Copy the key now: it is shown only this once.</p>
        <div class="secret">
          <code class="mono" data-testid="raw-key">{{ key.key }}</code>
          <button mat-icon-button type="button" (click)="copy(key.key)" aria-label="Copy the key"><mat-icon>content_copy</mat-icon></button>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" mat-dialog-close>Done</button>
      </mat-dialog-actions>
    } @else {
      <form (ngSubmit)="create()" #form="ngForm">
        <mat-dialog-content>
          <mat-form-field class="name">
            <mat-label>Name</mat-label>
            <input matInput [(ngModel)]="name" name="name" required maxlength="100" autocomplete="off" />
          </mat-form-field>
          <fieldset>
            <legend>Permissions (none chosen: everything the tenant may do)</legend>
            @for (permission of session.grantedList(); track permission) {
              <mat-checkbox [checked]="chosen().has(permission)" (change)="toggle(permission)">{{ permission }}</mat-checkbox>
            }
          </fieldset>
          @if (error(); as message) { <p class="error" role="alert">{{ message }}</p> }
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>Cancel</button>
          <button mat-flat-button type="submit" [disabled]="form.invalid || saving()">Create</button>
        </mat-dialog-actions>
      </form>
    }
  `,
  styles: `
    .name { width: 100%; }
    fieldset { display: flex; flex-direction: column; border: 1px solid var(--mat-sys-outline-variant); border-radius: 4px; }
    .secret { display: flex; align-items: center; gap: 8px; word-break: break-all; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class CreateApiKeyDialogComponent {
  private readonly api = inject(Api);
  protected readonly session = inject(SessionService);
  protected name = '';
  protected readonly chosen = signal(new Set<string>());
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly created = signal<ApiKeyCreatedDto | null>(null);

  toggle(permission: string): void {
    this.chosen.update(set => {
      const next = new Set(set);
      if (!next.delete(permission)) {
        next.add(permission);
      }
      return next;
    });
  }

  async create(): Promise<void> {
    this.saving.set(true);
    this.error.set(null);
    try {
      const permissions = [...this.chosen()];
      this.created.set(await this.api.invoke(apiKeyCreate, {
        body: { name: this.name, permissions: permissions.length > 0 ? permissions : null },
      }));
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
  }

  copy(key: string): void {
    void navigator.clipboard?.writeText(key);
  }
}

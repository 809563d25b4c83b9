import { Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

/** The loading, error and empty states every list and page shows the same way; the content shows otherwise. */
@Component({
  selector: 'app-state-view',
  imports: [MatProgressBarModule, MatButtonModule, MatIconModule],
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading" />
    }
    @if (error(); as message) {
      <div class="state error" role="alert">
        <mat-icon aria-hidden="true">error</mat-icon>
        <span>{{ message }}</span>
        <button mat-button type="button" (click)="retry.emit()">Try again</button>
      </div>
    } @else if (empty() && !loading()) {
      <div class="state empty" role="status">
        <mat-icon aria-hidden="true">inbox</mat-icon>
        <span>{{ emptyText() }}</span>
      </div>
    } @else {
      <ng-content />
    }
  `,
  styles: `
    .state { display: flex; align-items: center; gap: 8px; padding: 24px 8px; }
    .error { color: var(--mat-sys-error); }
    .empty { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class StateViewComponent {
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly empty = input(false);
  readonly emptyText = input('Nothing here yet.');
  readonly retry = output<void>();
}

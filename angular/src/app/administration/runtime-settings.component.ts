import { DatePipe, JsonPipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api } from '../api/api';
import { highThroughputSettingsGet } from '../api/fn/high-throughput-settings/high-throughput-settings-get';
import { highThroughputSettingsGetHistory } from '../api/fn/high-throughput-settings/high-throughput-settings-get-history';
import { highThroughputSettingsRestore } from '../api/fn/high-throughput-settings/high-throughput-settings-restore';
import { highThroughputSettingsUpdate } from '../api/fn/high-throughput-settings/high-throughput-settings-update';
import { HighThroughputSettingsChangeDto } from '../api/models/high-throughput-settings-change-dto';
import { HighThroughputSettingsDto } from '../api/models/high-throughput-settings-dto';
import { PagedResultDtoOfHighThroughputSettingsChangeDto } from '../api/models/paged-result-dto-of-high-throughput-settings-change-dto';
import { describeError } from '../core/problem';
import { parseJsonObject } from '../shared/json-object';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { SettingChange, settingsDiff } from './settings-diff';

/**
 * The host admin's runtime settings (the high-throughput pipeline's): the version every instance runs, an edit stored
 * as a new version, and the history with what each version changed and a restore of any earlier one. Both writes
 * name the version they were made against, so a change made meanwhile by someone else is refused, not overwritten.
 */
@Component({
  selector: 'app-runtime-settings',
  imports: [
    DatePipe, JsonPipe, FormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatPaginatorModule,
    StateViewComponent,
  ],
  template: `
    <h1>Runtime settings</h1>
    <app-state-view [loading]="current.loading()" [error]="current.error()" (retry)="current.load()">
      @if (current.value(); as shown) {
        <p>Version {{ shown.version }}{{ shown.changedAt ? ', changed ' : '' }}{{ shown.changedAt | date: 'medium' }}{{ shown.changedBy ? ' by ' + shown.changedBy : '' }}.</p>
        <form (ngSubmit)="save()" aria-label="High-throughput settings">
          <mat-form-field class="wide">
            <mat-label>Settings (JSON)</mat-label>
            <textarea matInput [(ngModel)]="text" name="settings" rows="12" class="mono"></textarea>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="saving()"><mat-icon>save</mat-icon>Save as a new version</button>
        </form>
      }
    </app-state-view>
    <h2>History</h2>
    <app-state-view [loading]="history.loading()" [error]="history.error()" [empty]="history.value()?.totalCount === 0"
                    emptyText="No stored change yet: the settings come from configuration." (retry)="history.load()">
      @if (history.value(); as page) {
        @for (change of page.items; track change.version) {
          <section class="change" [attr.aria-label]="'Version ' + change.version">
            <div class="page-actions">
              <h3>Version {{ change.version }}</h3>
              <span>{{ change.changedAt | date: 'medium' }} by {{ change.changedBy }}
                {{ change.restoredFromVersion ? '(restored from version ' + change.restoredFromVersion + ')' : '' }}</span>
              <span class="spacer"></span>
              @if (change.version !== current.value()?.version) {
                <button mat-stroked-button type="button" (click)="restore(change)">Restore version {{ change.version }}</button>
              }
            </div>
            <ul class="mono">
              @for (c of diff(change); track c.path) {
                <li>{{ c.path }}: {{ c.before === undefined ? '—' : (c.before | json) }} → {{ c.after === undefined ? '—' : (c.after | json) }}</li>
              } @empty {
                <li>No setting changed.</li>
              }
            </ul>
          </section>
        }
        <mat-paginator [length]="page.totalCount" [pageIndex]="pageIndex()" [pageSize]="pageSize()"
                       [pageSizeOptions]="[10, 25]" (page)="turn($event)" aria-label="Pages of the settings history" />
      }
    </app-state-view>
  `,
  styles: `
    .wide { width: 100%; }
    .change { border-top: 1px solid var(--mat-sys-outline-variant); padding-top: 8px; }
    .change h3 { margin: 0; }
  `,
})
export class RuntimeSettingsComponent {
  private readonly api = inject(Api);
  private readonly snackBar = inject(MatSnackBar);
  protected text = '';
  protected readonly saving = signal(false);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(10);
  protected readonly current = new Loader<HighThroughputSettingsDto>(async () => {
    const settings = await this.api.invoke(highThroughputSettingsGet);
    this.text = JSON.stringify(settings.settings, null, 2);
    return settings;
  });
  protected readonly history = new Loader<PagedResultDtoOfHighThroughputSettingsChangeDto>(() => this.api.invoke(highThroughputSettingsGetHistory, {
    skipCount: this.pageIndex() * this.pageSize(), maxResultCount: this.pageSize(),
  }));

  constructor() {
    void this.current.load();
    void this.history.load();
  }

  diff(change: HighThroughputSettingsChangeDto): SettingChange[] {
    return settingsDiff(change.oldSettings, change.newSettings);
  }

  turn(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.history.load();
  }

  async save(): Promise<void> {
    await this.write(async () => this.api.invoke(highThroughputSettingsUpdate, {
      body: { settings: parseJsonObject(this.text, 'The settings'), expectedVersion: this.current.value()?.version ?? null },
    }));
  }

  async restore(change: HighThroughputSettingsChangeDto): Promise<void> {
    if (!window.confirm(`Restore the settings of version ${change.version} on every instance?`)) {
      return;
    }
    await this.write(async () => this.api.invoke(highThroughputSettingsRestore, {
      version: change.version, body: { expectedVersion: this.current.value()?.version ?? null },
    }));
  }

  private async write(action: () => Promise<HighThroughputSettingsDto>): Promise<void> {
    this.saving.set(true);
    try {
      const stored = await action();
      this.snackBar.open(`Version ${stored.version} applied.`, undefined, { duration: 4000 });
      this.pageIndex.set(0);
      void this.current.load();
      void this.history.load();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    } finally {
      this.saving.set(false);
    }
  }
}

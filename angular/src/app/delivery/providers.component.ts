import { DatePipe } from '@angular/common';
import { Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../api/api';
import { messageProviderDeleteConfiguration } from '../api/fn/message-provider/message-provider-delete-configuration';
import { messageProviderGetConfigurations } from '../api/fn/message-provider/message-provider-get-configurations';
import { messageProviderGetProviders } from '../api/fn/message-provider/message-provider-get-providers';
import { MessageChannel } from '../api/models/message-channel';
import { MessageProviderDto } from '../api/models/message-provider-dto';
import { ProviderConfigurationDto } from '../api/models/provider-configuration-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { channels } from '../messages/message-options';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { ProviderDialogComponent, ProviderDialogData } from './provider-dialog.component';

interface ChannelRow {
  channel: MessageChannel;
  configuration: ProviderConfigurationDto | null;
}

/** Which provider each channel uses, with whether its secrets are stored (they are never shown). */
@Component({
  selector: 'app-providers',
  imports: [DatePipe, MatTableModule, MatButtonModule, MatIconModule, StateViewComponent],
  template: `
    <h1>Providers</h1>
    <app-state-view [loading]="configurations.loading()" [error]="configurations.error() ?? providers.error()"
                    (retry)="configurations.load(); providers.load()">
      <div class="table-scroll">
        <table mat-table [dataSource]="rows()" aria-label="Providers by channel">
          <ng-container matColumnDef="channel"><th mat-header-cell *matHeaderCellDef>Channel</th><td mat-cell *matCellDef="let r">{{ r.channel }}</td></ng-container>
          <ng-container matColumnDef="provider">
            <th mat-header-cell *matHeaderCellDef>Provider</th>
            <td mat-cell *matCellDef="let r">{{ r.configuration?.provider ?? 'Default (sandbox)' }}</td>
          </ng-container>
          <ng-container matColumnDef="baseUrl"><th mat-header-cell *matHeaderCellDef>Base URL</th><td mat-cell *matCellDef="let r">{{ r.configuration?.baseUrl ?? '—' }}</td></ng-container>
          <ng-container matColumnDef="secrets">
            <th mat-header-cell *matHeaderCellDef>Secrets</th>
            <td mat-cell *matCellDef="let r">
              {{ r.configuration?.hasCredential ? 'Credential stored' : 'No credential' }},
              {{ r.configuration?.hasSigningSecret ? 'signing secret stored' : 'no signing secret' }}
            </td>
          </ng-container>
          <ng-container matColumnDef="updatedAt">
            <th mat-header-cell *matHeaderCellDef>Changed</th>
            <td mat-cell *matCellDef="let r">{{ r.configuration ? (r.configuration.updatedAt | date: 'medium') : '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let r">
              <button mat-button type="button" (click)="edit(r)" [attr.aria-label]="'Configure ' + r.channel">Configure</button>
              @if (r.configuration) {
                <button mat-button type="button" (click)="remove(r.channel)" [attr.aria-label]="'Remove the ' + r.channel + ' configuration'">Remove</button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns()"></tr>
          <tr mat-row *matRowDef="let row; columns: columns()"></tr>
        </table>
      </div>
    </app-state-view>
  `,
})
export class ProvidersComponent {
  private readonly api = inject(Api);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(SessionService);
  protected readonly configurations = new Loader<ProviderConfigurationDto[]>(() => this.api.invoke(messageProviderGetConfigurations));
  protected readonly providers = new Loader<MessageProviderDto[]>(() => this.api.invoke(messageProviderGetProviders));
  protected readonly rows = computed<ChannelRow[]>(() => channels.map(channel => ({
    channel,
    configuration: this.configurations.value()?.find(c => c.channel === channel) ?? null,
  })));
  protected readonly columns = computed(() =>
    ['channel', 'provider', 'baseUrl', 'secrets', 'updatedAt', ...(this.session.can(Permissions.messagesProviders) ? ['actions'] : [])]);

  constructor() {
    void this.configurations.load();
    void this.providers.load();
  }

  edit(row: ChannelRow): void {
    const data: ProviderDialogData = { channel: row.channel, providers: this.providers.value() ?? [], current: row.configuration };
    this.dialog.open(ProviderDialogComponent, { data, width: '560px', maxWidth: '95vw' }).afterClosed().subscribe(saved => {
      if (saved) {
        void this.configurations.load();
      }
    });
  }

  async remove(channel: MessageChannel): Promise<void> {
    try {
      await this.api.invoke(messageProviderDeleteConfiguration, { channel });
      void this.configurations.load();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }
}

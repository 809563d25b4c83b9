import { DatePipe } from '@angular/common';
import { Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../api/api';
import { circuitForceOpen } from '../api/fn/circuit/circuit-force-open';
import { circuitGetList } from '../api/fn/circuit/circuit-get-list';
import { circuitReset } from '../api/fn/circuit/circuit-reset';
import { CircuitDto } from '../api/models/circuit-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

/** The circuits around providers that failed; the host admin may force one open (stop sending) or reset it. */
@Component({
  selector: 'app-circuits',
  imports: [DatePipe, MatTableModule, MatButtonModule, StateViewComponent],
  template: `
    <h1>Circuits</h1>
    <app-state-view [loading]="circuits.loading()" [error]="circuits.error()" [empty]="circuits.value()?.length === 0"
                    emptyText="No provider has failed: every circuit is closed." (retry)="circuits.load()">
      <div class="table-scroll">
        <table mat-table [dataSource]="circuits.value() ?? []" aria-label="Circuits">
          <ng-container matColumnDef="provider"><th mat-header-cell *matHeaderCellDef>Provider</th><td mat-cell *matCellDef="let c">{{ c.provider }}</td></ng-container>
          <ng-container matColumnDef="tenantId"><th mat-header-cell *matHeaderCellDef>Tenant</th><td mat-cell *matCellDef="let c" class="mono">{{ c.tenantId }}</td></ng-container>
          <ng-container matColumnDef="state">
            <th mat-header-cell *matHeaderCellDef>State</th>
            <td mat-cell *matCellDef="let c">{{ c.state }}@if (c.forcedOpen) { (forced) }</td>
          </ng-container>
          <ng-container matColumnDef="failures"><th mat-header-cell *matHeaderCellDef>Failures in a row</th><td mat-cell *matCellDef="let c">{{ c.consecutiveFailures }}</td></ng-container>
          <ng-container matColumnDef="nextProbeAt">
            <th mat-header-cell *matHeaderCellDef>Next probe</th>
            <td mat-cell *matCellDef="let c">{{ c.nextProbeAt ? (c.nextProbeAt | date: 'medium') : '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let c">
              <button mat-button type="button" (click)="forceOpen(c)" [attr.aria-label]="'Force the ' + c.provider + ' circuit open'">Force open</button>
              <button mat-button type="button" (click)="reset(c)" [attr.aria-label]="'Reset the ' + c.provider + ' circuit'">Reset</button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns()"></tr>
          <tr mat-row *matRowDef="let row; columns: columns()"></tr>
        </table>
      </div>
    </app-state-view>
  `,
})
export class CircuitsComponent {
  private readonly api = inject(Api);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(SessionService);
  protected readonly circuits = new Loader<CircuitDto[]>(() => this.api.invoke(circuitGetList));
  protected readonly columns = computed(() => [
    'provider', ...(this.session.isHost() ? ['tenantId'] : []), 'state', 'failures', 'nextProbeAt',
    ...(this.session.can(Permissions.circuitsManage) ? ['actions'] : []),
  ]);

  constructor() {
    void this.circuits.load();
  }

  forceOpen(circuit: CircuitDto): Promise<void> {
    return this.change(() => this.api.invoke(circuitForceOpen, { provider: circuit.provider, tenantId: circuit.tenantId }));
  }

  reset(circuit: CircuitDto): Promise<void> {
    return this.change(() => this.api.invoke(circuitReset, { provider: circuit.provider, tenantId: circuit.tenantId }));
  }

  private async change(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
      void this.circuits.load();
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }
}

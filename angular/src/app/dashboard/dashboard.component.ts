import { DatePipe } from '@angular/common';
import { Component, DestroyRef, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../api/api';
import { circuitGetList } from '../api/fn/circuit/circuit-get-list';
import { emailEventGetQueueStatus } from '../api/fn/email-event/email-event-get-queue-status';
import { messageFeedGetStatistics } from '../api/fn/message-feed/message-feed-get-statistics';
import { CircuitDto } from '../api/models/circuit-dto';
import { EmailQueueStatusDto } from '../api/models/email-queue-status-dto';
import { MessageStatisticsDto } from '../api/models/message-statistics-dto';
import { Permissions } from '../core/permissions';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { toBars, totals } from './statistics';

/** The last 24 hours of messages, the email queue and the circuits, refreshed every 30 seconds. */
@Component({
  selector: 'app-dashboard',
  imports: [DatePipe, MatCardModule, MatTableModule, StateViewComponent],
  templateUrl: './dashboard.component.html',
  styleUrl: './dashboard.component.scss',
})
export class DashboardComponent {
  private readonly api = inject(Api);
  protected readonly session = inject(SessionService);
  protected readonly permissions = Permissions;
  // The host's operators get every tenant's queue, and the host's own mail (no tenant), row by tenant and type.
  protected readonly emailColumns = computed(() =>
    this.session.isHost() ? ['tenant', 'type', 'waiting', 'scheduled', 'deadLetters'] : ['type', 'waiting', 'scheduled', 'deadLetters']);

  protected readonly statistics = new Loader<MessageStatisticsDto>(() => {
    const to = new Date();
    to.setUTCMinutes(0, 0, 0);
    to.setUTCHours(to.getUTCHours() + 1);
    const from = new Date(to.getTime() - 24 * 3600_000);
    return this.api.invoke(messageFeedGetStatistics, { from: from.toISOString(), to: to.toISOString(), bucket: 'Hour' });
  });
  protected readonly emailQueue = new Loader<EmailQueueStatusDto>(() => this.api.invoke(emailEventGetQueueStatus));
  protected readonly circuits = new Loader<CircuitDto[]>(() => this.api.invoke(circuitGetList));

  protected readonly bars = computed(() => {
    const statistics = this.statistics.value();
    return statistics ? toBars(statistics) : [];
  });
  protected readonly totals = computed(() => totals(this.bars()));
  protected readonly peak = computed(() => Math.max(1, ...this.bars().map(bar => bar.accepted)));

  constructor() {
    this.refresh();
    const timer = setInterval(() => this.refresh(), 30_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  private refresh(): void {
    if (this.session.can(Permissions.messages)) {
      void this.statistics.load();
    }
    if (this.session.can(Permissions.emailQueue)) {
      void this.emailQueue.load();
    }
    if (this.session.can(Permissions.circuits)) {
      void this.circuits.load();
    }
  }
}

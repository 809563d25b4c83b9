import { DatePipe, DecimalPipe, JsonPipe } from '@angular/common';
import { Component, OnInit, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { attachmentDelete } from '../api/fn/attachment/attachment-delete';
import { attachmentGet } from '../api/fn/attachment/attachment-get';
import { attachmentGetDownloadLink } from '../api/fn/attachment/attachment-get-download-link';
import { AttachmentDto } from '../api/models/attachment-dto';
import { Permissions } from '../core/permissions';
import { describeError } from '../core/problem';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';

/** One attachment: where its processing stands, the processor's result, a download by signed link, and deletion. */
@Component({
  selector: 'app-attachment-detail',
  imports: [DatePipe, DecimalPipe, JsonPipe, RouterLink, MatCardModule, MatButtonModule, MatIconModule, StateViewComponent],
  template: `
    <a mat-button routerLink=".."><mat-icon>arrow_back</mat-icon>Attachments</a>
    <app-state-view [loading]="attachment.loading()" [error]="attachment.error()" (retry)="attachment.load()">
      @if (attachment.value(); as a) {
        <h1>{{ a.fileName }}</h1>
        <mat-card appearance="outlined">
          <mat-card-content>
            <dl class="facts">
              <dt>Status</dt><dd>{{ a.status }} ({{ a.progress }}%)</dd>
              <dt>Type</dt><dd>{{ a.contentType }}</dd>
              <dt>Size</dt><dd>{{ a.size | number }} B</dd>
              <dt>SHA-256</dt><dd class="hash">{{ a.sha256 }}</dd>
              <dt>Uploaded</dt><dd>{{ a.createdAt | date: 'medium' }}</dd>
              <dt>Completed</dt><dd>{{ a.completedAt ? (a.completedAt | date: 'medium') : '—' }}</dd>
              <dt>Processor</dt><dd>{{ a.processor ?? '—' }}</dd>
              <dt>Processing time</dt><dd>{{ a.processingTimeMs !== null ? a.processingTimeMs + ' ms' : '—' }}</dd>
              <dt>Retries</dt><dd>{{ a.retryCount }}</dd>
            </dl>
            @if (a.error) { <p class="error" role="alert">{{ a.error }}</p> }
            @if (a.result) {
              <h2>Result</h2>
              <pre tabindex="0" aria-label="Result">{{ a.result | json }}</pre>
            }
          </mat-card-content>
          <mat-card-actions>
            <button mat-stroked-button type="button" (click)="download(a.id)"><mat-icon>download</mat-icon>Download</button>
            @if (canDelete()) {
              <button mat-button type="button" (click)="remove(a)"><mat-icon>delete</mat-icon>Delete</button>
            }
          </mat-card-actions>
        </mat-card>
      }
    </app-state-view>
  `,
  styles: `
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
    dt { font-weight: 500; }
    dd { margin: 0; }
    .hash { overflow-wrap: anywhere; font-family: monospace; }
    pre { overflow: auto; max-height: 320px; padding: 8px; background: var(--mat-sys-surface-container); }
    .error { color: var(--mat-sys-error); }
  `,
})
export class AttachmentDetailComponent implements OnInit {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(SessionService);
  readonly id = input.required<string>();
  protected readonly canDelete = computed(() => this.session.can(Permissions.attachmentsDelete));
  protected readonly attachment = new Loader<AttachmentDto>(() => this.api.invoke(attachmentGet, { id: this.id() }));

  ngOnInit(): void {
    void this.attachment.load();
  }

  /** A short-lived signed link: the browser fetches the file without the bearer token. */
  async download(id: string): Promise<void> {
    try {
      const link = await this.api.invoke(attachmentGetDownloadLink, { id, expiresInSeconds: 60 });
      window.location.assign(link.url);
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }

  async remove(attachment: AttachmentDto): Promise<void> {
    if (!window.confirm(`Delete ${attachment.fileName}?`)) {
      return;
    }
    try {
      await this.api.invoke(attachmentDelete, { id: attachment.id });
      await this.router.navigate(['/attachments']);
    } catch (error) {
      this.snackBar.open(describeError(error), 'Close');
    }
  }
}

import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api } from '../api/api';
import { attachmentList } from '../api/fn/attachment/attachment-list';
import { AttachmentPageDto } from '../api/models/attachment-page-dto';
import { AttachmentStatus } from '../api/models/attachment-status';
import { Permissions } from '../core/permissions';
import { SessionService } from '../core/session.service';
import { Loader } from '../shared/loader';
import { StateViewComponent } from '../shared/state-view.component';
import { UploadService } from './upload';

/** The tenant's attachments a page at a time (the server's cursor), and uploads by drag and drop or the file picker. */
@Component({
  selector: 'app-attachments',
  imports: [
    DatePipe, DecimalPipe, FormsModule, RouterLink, MatTableModule, MatButtonModule, MatIconModule, MatFormFieldModule, MatSelectModule,
    MatProgressBarModule, StateViewComponent,
  ],
  template: `
    <h1>Attachments</h1>
    @if (canUpload()) {
      <div class="drop" [class.over]="over()" (dragover)="$event.preventDefault(); over.set(true)" (dragleave)="over.set(false)"
           (drop)="drop($event)">
        <mat-icon aria-hidden="true">upload_file</mat-icon>
        <span>Drop files here or</span>
        <button mat-stroked-button type="button" (click)="picker.click()">Choose files</button>
        <input #picker type="file" multiple hidden (change)="pick(picker)" aria-label="Files to upload" />
      </div>
      @if (uploads.uploads().length > 0) {
        <ul class="uploads" aria-label="Uploads">
          @for (upload of uploads.uploads(); track upload.key) {
            <li>
              <div class="upload-line">
                <span class="name">{{ upload.fileName }}</span>
                <span class="phase" role="status">{{ upload.phase }} {{ upload.percent }}%</span>
                @if (upload.attachmentId) { <a mat-button [routerLink]="upload.attachmentId">Details</a> }
                <button mat-icon-button type="button" (click)="uploads.dismiss(upload.key)" [attr.aria-label]="'Dismiss ' + upload.fileName">
                  <mat-icon>close</mat-icon>
                </button>
              </div>
              <mat-progress-bar mode="determinate" [value]="upload.percent" [attr.aria-label]="'Progress of ' + upload.fileName" />
              @if (upload.error) { <span class="error" role="alert">{{ upload.error }}</span> }
            </li>
          }
        </ul>
      }
    }
    <form class="filters" (ngSubmit)="search()" aria-label="Filters">
      <mat-form-field>
        <mat-label>Status</mat-label>
        <mat-select [(ngModel)]="status" name="status">
          <mat-option [value]="null">Any</mat-option>
          @for (s of statuses; track s) { <mat-option [value]="s">{{ s }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <button mat-stroked-button type="submit"><mat-icon>search</mat-icon>Search</button>
    </form>
    <app-state-view [loading]="page.loading()" [error]="page.error()" [empty]="page.value()?.items?.length === 0"
                    emptyText="No attachment yet." (retry)="page.load()">
      @if (page.value(); as current) {
        <div class="table-scroll">
          <table mat-table [dataSource]="current.items" aria-label="Attachments">
            <ng-container matColumnDef="fileName">
              <th mat-header-cell *matHeaderCellDef>File</th>
              <td mat-cell *matCellDef="let a"><a [routerLink]="a.id">{{ a.fileName }}</a></td>
            </ng-container>
            <ng-container matColumnDef="status"><th mat-header-cell *matHeaderCellDef>Status</th><td mat-cell *matCellDef="let a">{{ a.status }}</td></ng-container>
            <ng-container matColumnDef="size"><th mat-header-cell *matHeaderCellDef>Size</th><td mat-cell *matCellDef="let a">{{ a.size | number }} B</td></ng-container>
            <ng-container matColumnDef="contentType"><th mat-header-cell *matHeaderCellDef>Type</th><td mat-cell *matCellDef="let a">{{ a.contentType }}</td></ng-container>
            <ng-container matColumnDef="createdAt"><th mat-header-cell *matHeaderCellDef>Uploaded</th><td mat-cell *matCellDef="let a">{{ a.createdAt | date: 'medium' }}</td></ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        <nav class="pager" aria-label="Pages of attachments">
          <button mat-button type="button" [disabled]="cursors().length === 0" (click)="previous()">Previous</button>
          <button mat-button type="button" [disabled]="!current.nextCursor" (click)="nextPage(current.nextCursor!)">Next</button>
        </nav>
      }
    </app-state-view>
  `,
  styles: `
    .drop { display: flex; align-items: center; gap: 12px; padding: 24px; margin-bottom: 16px; border: 2px dashed var(--mat-sys-outline);
            border-radius: 12px; }
    .drop.over { border-color: var(--mat-sys-primary); background: var(--mat-sys-surface-container); }
    .uploads { list-style: none; padding: 0; margin: 0 0 16px; display: grid; gap: 8px; }
    .upload-line { display: flex; align-items: center; gap: 8px; }
    .name { flex: 1; overflow-wrap: anywhere; }
    .error { color: var(--mat-sys-error); }
    .pager { display: flex; justify-content: flex-end; gap: 8px; }
  `,
})
export class AttachmentsComponent {
  private readonly api = inject(Api);
  private readonly session = inject(SessionService);
  protected readonly uploads = inject(UploadService);
  protected readonly statuses: AttachmentStatus[] = ['Queued', 'Processing', 'Completed', 'Failed'];
  protected readonly columns = ['fileName', 'status', 'size', 'contentType', 'createdAt'];
  protected readonly canUpload = computed(() => this.session.can(Permissions.attachmentsUpload));
  protected readonly over = signal(false);
  protected status: AttachmentStatus | null = null;
  private applied: AttachmentStatus | null = null;
  /** The cursors of the pages before this one; the last is this page's. */
  protected readonly cursors = signal<string[]>([]);
  private cursor: string | null = null;
  protected readonly page = new Loader<AttachmentPageDto>(() => this.api.invoke(attachmentList, {
    status: this.applied ?? undefined, cursor: this.cursor ?? undefined, pageSize: 25,
  }));

  constructor() {
    void this.page.load();
  }

  search(): void {
    this.applied = this.status;
    this.cursor = null;
    this.cursors.set([]);
    void this.page.load();
  }

  nextPage(cursor: string): void {
    this.cursors.update(list => [...list, this.cursor ?? '']);
    this.cursor = cursor;
    void this.page.load();
  }

  previous(): void {
    const list = this.cursors();
    this.cursor = list[list.length - 1] || null;
    this.cursors.set(list.slice(0, -1));
    void this.page.load();
  }

  drop(event: DragEvent): void {
    event.preventDefault();
    this.over.set(false);
    void this.send(Array.from(event.dataTransfer?.files ?? []));
  }

  pick(input: HTMLInputElement): void {
    const files = Array.from(input.files ?? []);
    input.value = '';
    void this.send(files);
  }

  /** Sends the files side by side; the first page is read again once every one is processed. */
  async send(files: File[]): Promise<void> {
    await Promise.all(files.map(file => this.uploads.upload(file)));
    if (files.length > 0 && this.cursors().length === 0) {
      void this.page.load();
    }
  }
}

import { HttpClient, HttpEventType } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { Api } from '../api/api';
import { attachmentUpload } from '../api/fn/attachment/attachment-upload';
import { subscribeToAttachmentProgress } from '../api/fn/attachment-events/subscribe-to-attachment-progress';
import { AttachmentAcceptedDto } from '../api/models/attachment-accepted-dto';
import { AttachmentStatus } from '../api/models/attachment-status';
import { EventStreamService } from '../core/event-stream';
import { describeError } from '../core/problem';

/** One file on its way: sent, then processed by the host. */
export interface Upload {
  readonly key: number;
  readonly fileName: string;
  /** One bar from the first byte to processed: sending fills the first half, the host's progress the second. */
  readonly percent: number;
  readonly phase: 'Uploading' | AttachmentStatus;
  readonly attachmentId: string | null;
  readonly error: string | null;
}

interface ProgressEvent {
  attachmentId: string;
  percent: number;
  status: AttachmentStatus;
  error: string | null;
}

/** Sends files and follows each one's processing over the attachment's SSE stream until it completes or fails. */
@Injectable({ providedIn: 'root' })
export class UploadService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(Api);
  private readonly streams = inject(EventStreamService);
  private next = 0;
  readonly uploads = signal<Upload[]>([]);

  /** Resolves when the file reached Completed or Failed (or could not be sent). */
  upload(file: File): Promise<Upload> {
    const key = ++this.next;
    this.uploads.update(list => [{ key, fileName: file.name, percent: 0, phase: 'Uploading', attachmentId: null, error: null }, ...list]);
    const body = new FormData();
    body.append('file', file, file.name);
    return new Promise(resolve => {
      this.http.post<AttachmentAcceptedDto>(this.api.rootUrl + attachmentUpload.PATH, body, { reportProgress: true, observe: 'events' }).subscribe({
        next: event => {
          if (event.type === HttpEventType.UploadProgress) {
            const sent = event.total ? event.loaded / event.total : 0;
            this.change(key, { percent: Math.round(sent * 50) });
          } else if (event.type === HttpEventType.Response && event.body) {
            this.change(key, { percent: 50, phase: event.body.status, attachmentId: event.body.attachmentId });
            this.follow(key, event.body.attachmentId, resolve);
          }
        },
        error: error => resolve(this.change(key, { phase: 'Failed', error: describeError(error) })),
      });
    });
  }

  dismiss(key: number): void {
    this.uploads.update(list => list.filter(upload => upload.key !== key));
  }

  private follow(key: number, id: string, done: (upload: Upload) => void): void {
    const url = this.api.rootUrl + subscribeToAttachmentProgress.PATH.replace('{id}', encodeURIComponent(id));
    const close = this.streams.open(url, {
      lastEventId: '0',
      onEvent: event => {
        if (event.type !== 'progress') {
          return;
        }
        const progress = JSON.parse(event.data) as ProgressEvent;
        const upload = this.change(key, {
          phase: progress.status, percent: 50 + Math.round(Math.min(100, Math.max(0, progress.percent)) / 2), error: progress.error,
        });
        if (progress.status === 'Completed' || progress.status === 'Failed') {
          close();
          done(upload);
        }
      },
      onError: message => done(this.change(key, { error: message })),
    });
  }

  private change(key: number, changes: Partial<Upload>): Upload {
    let changed: Upload | undefined;
    this.uploads.update(list => list.map(upload => (upload.key === key ? (changed = { ...upload, ...changes }) : upload)));
    return changed!;
  }
}

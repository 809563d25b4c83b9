import { Routes } from '@angular/router';

export const attachmentsRoutes: Routes = [
  { path: '', title: 'Attachments', loadComponent: () => import('./attachments.component').then(m => m.AttachmentsComponent) },
  { path: ':id', title: 'Attachment', loadComponent: () => import('./attachment-detail.component').then(m => m.AttachmentDetailComponent) },
];

import { Routes } from '@angular/router';

export const messagesRoutes: Routes = [
  { path: '', title: 'Messages', loadComponent: () => import('./message-feed.component').then(m => m.MessageFeedComponent) },
  { path: ':trackingId', title: 'Message', loadComponent: () => import('./message-detail.component').then(m => m.MessageDetailComponent) },
];

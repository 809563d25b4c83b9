import { Routes } from '@angular/router';
import { permissionGuard, signedInGuard } from './core/guards';
import { Permissions } from './core/permissions';
import { ShellComponent } from './layout/shell.component';

/** One lazily loaded route per module, as the architecture map asks of every module. */
export const routes: Routes = [
  {
    path: '',
    component: ShellComponent,
    canActivate: [signedInGuard],
    canActivateChild: [permissionGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'dashboard', title: 'Dashboard', loadComponent: () => import('./dashboard/dashboard.component').then(m => m.DashboardComponent) },
      {
        path: 'messages',
        data: { permission: Permissions.messages },
        loadChildren: () => import('./messages/messages.routes').then(m => m.messagesRoutes),
      },
      { path: 'delivery', loadChildren: () => import('./delivery/delivery.routes').then(m => m.deliveryRoutes) },
      { path: 'email', loadChildren: () => import('./email/email.routes').then(m => m.emailRoutes) },
      {
        path: 'attachments',
        data: { permission: Permissions.attachments },
        loadChildren: () => import('./attachments/attachments.routes').then(m => m.attachmentsRoutes),
      },
      {
        path: 'channels',
        data: { permission: Permissions.channels },
        loadChildren: () => import('./channels/channels.routes').then(m => m.channelsRoutes),
      },
      { path: 'administration', loadChildren: () => import('./administration/administration.routes').then(m => m.administrationRoutes) },
      { path: '**', redirectTo: 'dashboard' },
    ],
  },
];

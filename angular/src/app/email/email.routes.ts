import { Routes } from '@angular/router';
import { Permissions } from '../core/permissions';

export const emailRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'dead-letters' },
  {
    path: 'dead-letters', title: 'Dead letters', data: { permission: Permissions.emailQueue },
    loadComponent: () => import('./dead-letters.component').then(m => m.DeadLettersComponent),
  },
  {
    path: 'dead-letters/audit', title: 'Dead-letter audit', data: { permission: Permissions.emailQueue },
    loadComponent: () => import('./dead-letter-audit.component').then(m => m.DeadLetterAuditComponent),
  },
  {
    path: 'suppressions', title: 'Suppressions', data: { permission: Permissions.emailQueue },
    loadComponent: () => import('./suppressions.component').then(m => m.SuppressionsComponent),
  },
  {
    path: 'inbound', title: 'Inbound email', data: { permission: Permissions.emailInbound },
    loadComponent: () => import('./inbound-workers.component').then(m => m.InboundWorkersComponent),
  },
  {
    path: 'inbound-rules', title: 'Inbound rules', data: { permission: Permissions.emailInbound },
    loadComponent: () => import('./inbound-rules.component').then(m => m.InboundRulesComponent),
  },
];

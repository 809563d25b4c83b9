import { Routes } from '@angular/router';
import { Permissions } from '../core/permissions';

export const deliveryRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'providers' },
  {
    path: 'providers', title: 'Providers', data: { permission: Permissions.messages },
    loadComponent: () => import('./providers.component').then(m => m.ProvidersComponent),
  },
  {
    path: 'circuits', title: 'Circuits', data: { permission: Permissions.circuits },
    loadComponent: () => import('./circuits.component').then(m => m.CircuitsComponent),
  },
  {
    path: 'sandbox', title: 'Sandbox', data: { permission: Permissions.messages },
    loadComponent: () => import('./sandbox.component').then(m => m.SandboxComponent),
  },
];

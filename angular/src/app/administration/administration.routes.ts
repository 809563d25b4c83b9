import { Routes } from '@angular/router';
import { Permissions } from '../core/permissions';

export const administrationRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  {
    path: 'api-keys', title: 'API keys', data: { permission: Permissions.apiKeys },
    loadComponent: () => import('./api-keys.component').then(m => m.ApiKeysComponent),
  },
  {
    path: 'users', title: 'Users', data: { permission: Permissions.users },
    loadComponent: () => import('./users.component').then(m => m.UsersComponent),
  },
  {
    path: 'roles', title: 'Roles', data: { permission: Permissions.roles },
    loadComponent: () => import('./roles.component').then(m => m.RolesComponent),
  },
  {
    path: 'security-log', title: 'Security log', data: { permission: Permissions.securityLogs },
    loadComponent: () => import('./security-log.component').then(m => m.SecurityLogComponent),
  },
  {
    path: 'tenants', title: 'Tenants', data: { permission: Permissions.tenants },
    loadComponent: () => import('./tenants.component').then(m => m.TenantsComponent),
  },
  {
    path: 'settings', title: 'Runtime settings', data: { permission: Permissions.settings },
    loadComponent: () => import('./runtime-settings.component').then(m => m.RuntimeSettingsComponent),
  },
];

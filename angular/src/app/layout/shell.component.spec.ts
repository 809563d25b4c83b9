import { TestBed } from '@angular/core/testing';
import { provideOAuthClient } from 'angular-oauth2-oidc';
import { setUpPage } from '../testing';
import { ShellComponent } from './shell.component';

function menuLabels(granted: string[], tenantName: string | null): { labels: string[]; tenant: string } {
  setUpPage(granted, tenantName, [provideOAuthClient()]);
  const fixture = TestBed.createComponent(ShellComponent);
  fixture.detectChanges();
  const element: HTMLElement = fixture.nativeElement;
  return {
    labels: Array.from(element.querySelectorAll('nav a')).map(link => link.textContent!.trim()),
    tenant: element.querySelector('[data-testid=tenant]')!.textContent!.trim(),
  };
}

describe('ShellComponent', () => {
  it('shows a viewer only what it may read, with its tenant', () => {
    const { labels, tenant } = menuLabels(['Messaging.Messages'], 'Demo');
    expect(labels).toEqual(['dashboardDashboard', 'forumActivity', 'settings_input_antennaProviders', 'scienceSandbox']);
    expect(tenant).toContain('Demo');
  });

  it('shows a tenant admin its API keys, users and roles but not the tenants', () => {
    const { labels } = menuLabels(
      ['Messaging.Messages', 'Messaging.ApiKeys', 'Messaging.Identity.Users', 'Messaging.Identity.Roles', 'Messaging.Tenants'], 'Demo');
    expect(labels).toEqual([
      'dashboardDashboard', 'forumActivity', 'settings_input_antennaProviders', 'scienceSandbox', 'keyAPI keys', 'groupUsers',
      'admin_panel_settingsRoles',
    ]);
  });

  it('shows the host admin the tenants and names the host', () => {
    const { labels, tenant } = menuLabels(['Messaging.Tenants', 'Messaging.Identity.Users', 'Messaging.Messages'], null);
    expect(labels).toEqual(['dashboardDashboard', 'forumActivity', 'domainTenants', 'groupUsers']);
    expect(tenant).toContain('Host');
  });
});

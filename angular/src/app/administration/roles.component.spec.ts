import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { IdentityRoleDto } from '../api/models/identity-role-dto';
import { setUpPage } from '../testing';
import { RolesComponent } from './roles.component';

const roles: IdentityRoleDto[] = [
  { id: null, name: 'viewer', isStatic: true, permissions: ['Messaging.Messages'] },
  { id: 'r1', name: 'auditors', isStatic: false, permissions: [] },
];

describe('RolesComponent', () => {
  let http: HttpTestingController;

  async function render(granted: string[]): Promise<ComponentFixture<RolesComponent>> {
    setUpPage(granted);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RolesComponent);
    fixture.detectChanges();
    http.expectOne('/api/identity/roles').flush(roles);
    await settle(fixture);
    return fixture;
  }

  async function settle(fixture: ComponentFixture<RolesComponent>): Promise<void> {
    await new Promise(resolve => setTimeout(resolve));
    fixture.detectChanges();
  }

  function card(fixture: ComponentFixture<RolesComponent>, name: string): HTMLElement {
    return Array.from<HTMLElement>(fixture.nativeElement.querySelectorAll('mat-card')).find(c => c.querySelector('h2')!.textContent!.trim() === name)!;
  }

  it('leaves the static roles read-only and offers the tenant\'s own for editing', async () => {
    const fixture = await render(['Messaging.Identity.Roles']);
    expect(card(fixture, 'viewer').querySelectorAll('button').length).toBe(0);
    expect(card(fixture, 'auditors').textContent).toContain('Delete');
  });

  it('grants the chosen permission to the role through the permission-management route', async () => {
    const fixture = await render(['Messaging.Identity.Roles']);
    const editing = fixture.componentInstance.edit(roles[1]);
    const read = http.expectOne(request => request.url === '/api/permission-management/permissions' && request.method === 'GET');
    expect(read.request.params.get('providerName')).toBe('R');
    expect(read.request.params.get('providerKey')).toBe('auditors');
    read.flush({ entityDisplayName: 'auditors', permissions: [{ name: 'Messaging.Messages', isGranted: false }, { name: 'Messaging.Channel', isGranted: false }] });
    await editing;
    await settle(fixture);
    expect(card(fixture, 'auditors').querySelectorAll('mat-checkbox').length).toBe(2);

    fixture.componentInstance.toggle('Messaging.Messages', true);
    const saving = fixture.componentInstance.save(roles[1]);
    const update = http.expectOne(request => request.url === '/api/permission-management/permissions' && request.method === 'PUT');
    expect(update.request.body).toEqual({ permissions: [{ name: 'Messaging.Messages', isGranted: true }, { name: 'Messaging.Channel', isGranted: false }] });
    update.flush({ entityDisplayName: 'auditors', permissions: [] });
    await settle(fixture);
    http.expectOne('/api/identity/roles').flush(roles);
    await saving;
  });

  it('creates a role and opens its permissions', async () => {
    const fixture = await render(['Messaging.Identity.Roles']);
    fixture.componentInstance['name'] = ' support ';
    const creating = fixture.componentInstance.create();
    const create = http.expectOne(request => request.url === '/api/identity/roles' && request.method === 'POST');
    expect(create.request.body).toEqual({ name: 'support' });
    create.flush({ id: 'r2', name: 'support', isStatic: false, permissions: [] });
    await settle(fixture);
    http.expectOne('/api/identity/roles').flush([...roles, { id: 'r2', name: 'support', isStatic: false, permissions: [] }]);
    await settle(fixture);
    http.expectOne(request => request.url === '/api/permission-management/permissions').flush({ entityDisplayName: 'support', permissions: [] });
    await creating;
  });

  it('shows no form and no buttons without the permission to manage roles', async () => {
    setUpPage([]);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RolesComponent);
    fixture.detectChanges();
    http.expectOne('/api/identity/roles').flush(roles);
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('form')).toBeNull();
    expect(fixture.nativeElement.querySelectorAll('mat-card button').length).toBe(0);
  });
});

import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { IdentityUserDto } from '../api/models/identity-user-dto';
import { setUpPage } from '../testing';
import { UsersComponent } from './users.component';

const operator: IdentityUserDto = {
  id: 'u1', userName: 'ops', email: 'ops@example.com', emailConfirmed: true, name: 'Olga', surname: null, isActive: true,
  lockoutEnd: '2999-01-01T00:00:00Z', roleNames: ['operator'],
};

describe('UsersComponent', () => {
  let http: HttpTestingController;

  afterEach(() => vi.restoreAllMocks());

  async function render(): Promise<ComponentFixture<UsersComponent>> {
    setUpPage(['Messaging.Identity.Users', 'Messaging.Identity.Roles']);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(UsersComponent);
    fixture.detectChanges();
    http.expectOne(request => request.url === '/api/identity/users').flush({ items: [operator], totalCount: 1 });
    http.expectOne('/api/identity/roles').flush([{ id: 'r1', name: 'viewer', isStatic: true, permissions: [] }]);
    await new Promise(resolve => setTimeout(resolve));
    fixture.detectChanges();
    return fixture;
  }

  it('says a user is locked out and offers to disable it', async () => {
    const fixture = await render();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('locked out until');
    expect(text).toContain('Disable');
  });

  it('disables a user after a confirmation, keeping everything else about it', async () => {
    const fixture = await render();
    vi.spyOn(window, 'confirm').mockReturnValue(true);

    const disabling = fixture.componentInstance.setActive(operator, false);
    const update = http.expectOne({ method: 'PUT', url: '/api/identity/users/u1' });
    expect(update.request.body).toEqual({
      userName: 'ops', email: 'ops@example.com', name: 'Olga', surname: null, roleNames: ['operator'], isActive: false, password: null,
    });
    update.flush({ ...operator, isActive: false });
    await disabling;
    http.expectOne(request => request.url === '/api/identity/users');
  });

  it('enables a user without asking', async () => {
    const fixture = await render();
    const confirm = vi.spyOn(window, 'confirm');
    void fixture.componentInstance.setActive({ ...operator, isActive: false }, true);
    expect(http.expectOne('/api/identity/users/u1').request.body.isActive).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
  });
});

import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, RouterStateSnapshot, UrlTree } from '@angular/router';
import { setUpPage } from '../testing';
import { permissionGuard } from './guards';

function routeNeeding(permission: string): ActivatedRouteSnapshot {
  return { data: { permission } } as unknown as ActivatedRouteSnapshot;
}

describe('permissionGuard', () => {
  it('lets a caller with the permission in', () => {
    setUpPage(['Messaging.ApiKeys']);
    const allowed = TestBed.runInInjectionContext(() => permissionGuard(routeNeeding('Messaging.ApiKeys'), {} as RouterStateSnapshot));
    expect(allowed).toBe(true);
  });

  it('sends a caller without it to the dashboard', () => {
    setUpPage(['Messaging.Messages']);
    const allowed = TestBed.runInInjectionContext(() => permissionGuard(routeNeeding('Messaging.ApiKeys'), {} as RouterStateSnapshot));
    expect((allowed as UrlTree).toString()).toBe('/dashboard');
  });
});

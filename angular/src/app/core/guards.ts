import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';

/** Sends a visitor without a session to the sign-in page, and back to the page asked for afterwards. */
export const signedInGuard: CanActivateFn = (_, state) => {
  const auth = inject(AuthService);
  if (auth.signedIn()) {
    return true;
  }
  auth.signIn(state.url);
  return false;
};

/** A page the caller may not see leads to the dashboard instead of a page of refusals. */
export const permissionGuard: CanActivateFn = route => {
  const permission = route.data['permission'] as string | undefined;
  return !permission || inject(SessionService).can(permission) || inject(Router).parseUrl('/dashboard');
};

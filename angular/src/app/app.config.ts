import { ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideHttpClient, withInterceptors, withInterceptorsFromDi } from '@angular/common/http';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideOAuthClient } from 'angular-oauth2-oidc';
import { routes } from './app.routes';
import { AuthService } from './core/auth.service';
import { reauthenticateInterceptor } from './core/reauthenticate.interceptor';
import { SessionService } from './core/session.service';

/** Signs in before the first page shows, so guards and menus know the user and its permissions. */
async function startSession(): Promise<void> {
  const auth = inject(AuthService);
  const session = inject(SessionService);
  await auth.initialize();
  if (auth.signedIn()) {
    await session.load();
  }
}

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideHttpClient(withInterceptorsFromDi(), withInterceptors([reauthenticateInterceptor])),
    // The access token goes to the host's API only, never to another origin.
    provideOAuthClient({ resourceServer: { allowedUrls: ['/api/'], sendAccessToken: true } }),
    provideRouter(routes, withComponentInputBinding()),
    provideAppInitializer(startSession),
  ],
};

import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SessionService } from './core/session.service';

/** The providers a page needs in a component test: HTTP answered by the test, a router, and a session with these permissions. */
export function setUpPage(granted: string[], tenantName: string | null = 'Demo', extra: (Provider | EnvironmentProviders)[] = []): SessionService {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), ...extra],
  });
  const session = TestBed.inject(SessionService);
  session.set({ tenantId: tenantName ? '01a24005-499c-7896-b151-01bb75bb729a' : null, tenantName, userName: 'admin', granted });
  return session;
}

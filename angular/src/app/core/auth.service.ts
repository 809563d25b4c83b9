import { Injectable, inject, signal } from '@angular/core';
import { AuthConfig, OAuthService } from 'angular-oauth2-oidc';

/** The host's sign-in server: the admin UI is its public client, using the code flow with PKCE. */
export function authConfig(origin: string): AuthConfig {
  return {
    issuer: origin + '/',
    clientId: 'messaging-admin',
    responseType: 'code',
    redirectUri: origin + '/',
    postLogoutRedirectUri: origin + '/',
    scope: 'openid profile email offline_access',
    requireHttps: 'remoteOnly',
    // Rotating refresh tokens renew the 15-minute access token before it ends, without a hidden iframe.
    useSilentRefresh: false,
    timeoutFactor: 0.75,
    // The library's default tolerance (10 minutes) would keep using a token the host already refuses after a reload.
    clockSkewInSec: 5,
    clearHashAfterLogin: true,
    showDebugInformation: false,
  };
}

/** Signs the user in and out, and keeps the access token fresh while the UI is open. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly oauth = inject(OAuthService);
  readonly signedIn = signal(false);

  /** Reads a code the sign-in server sent back, or the tokens of an earlier sign-in in this tab. */
  async initialize(origin = window.location.origin): Promise<void> {
    this.oauth.configure(authConfig(origin));
    this.oauth.events.subscribe(event => {
      if (event.type === 'token_refresh_error' || event.type === 'logout') {
        this.signedIn.set(false);
      }
    });
    await this.oauth.loadDiscoveryDocumentAndTryLogin();
    if (!this.oauth.hasValidAccessToken() && this.oauth.getRefreshToken()) {
      // A reload after the access token ended: the refresh token renews it without a trip to the sign-in page.
      await this.oauth.refreshToken().catch(() => undefined);
    }
    this.oauth.setupAutomaticSilentRefresh();
    this.signedIn.set(this.oauth.hasValidAccessToken());
  }

  signIn(returnUrl: string): void {
    this.oauth.initCodeFlow(returnUrl);
  }

  /** Where to go after the sign-in server sent the user back. */
  returnUrl(): string | null {
    const state = this.oauth.state;
    return state ? decodeURIComponent(state) : null;
  }

  /** Ends the tokens and the host's sign-in session, then comes back to the UI; a failed revocation still signs out. */
  async signOut(): Promise<void> {
    this.signedIn.set(false);
    await this.oauth.revokeTokenAndLogout().catch(() => this.oauth.logOut());
  }
}

import { BreakpointObserver } from '@angular/cdk/layout';
import { Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from '../core/auth.service';
import { SessionService } from '../core/session.service';
import { ThemeService } from '../core/theme.service';
import { MenuGroup, MenuItem, menu } from './menu';

/** ABP's layout: the side menu by module, the top bar with the tenant and the user; the menu folds away on a phone. */
@Component({
  selector: 'app-shell',
  imports: [
    RouterOutlet, RouterLink, RouterLinkActive, MatSidenavModule, MatToolbarModule, MatListModule, MatIconModule,
    MatButtonModule, MatMenuModule, MatTooltipModule,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  protected readonly session = inject(SessionService);
  protected readonly theme = inject(ThemeService);
  protected readonly handset = toSignal(
    inject(BreakpointObserver).observe('(max-width: 768px)').pipe(map(state => state.matches)),
    { initialValue: false },
  );

  protected readonly menu = computed<MenuGroup[]>(() =>
    menu
      .map(group => ({ ...group, items: group.items.filter(item => this.visible(item)) }))
      .filter(group => group.items.length > 0),
  );

  protected readonly tenantLabel = computed(() => this.session.tenantName() ?? 'Host');

  signOut(): void {
    void this.auth.signOut();
  }

  private visible(item: MenuItem): boolean {
    if ((item.hostOnly && !this.session.isHost()) || (item.tenantOnly && this.session.isHost())) {
      return false;
    }
    return !item.permission || this.session.can(item.permission);
  }
}

import { Component, OnInit, inject } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { AuthService } from './core/auth.service';
import { ThemeService } from './core/theme.service';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet],
  template: '<router-outlet />',
})
export class App implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  constructor() {
    inject(ThemeService);
  }

  ngOnInit(): void {
    const back = this.auth.returnUrl();
    if (this.auth.signedIn() && back && back.startsWith('/')) {
      void this.router.navigateByUrl(back);
    }
  }
}

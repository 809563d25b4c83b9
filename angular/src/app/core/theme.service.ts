import { Injectable, signal } from '@angular/core';

export type Theme = 'light' | 'dark';

/** Light or dark, following the system until the user picks one. */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private static readonly key = 'messaging-admin.theme';
  readonly theme = signal<Theme>(ThemeService.initial());

  constructor() {
    this.apply(this.theme());
  }

  toggle(): void {
    const next: Theme = this.theme() === 'dark' ? 'light' : 'dark';
    localStorage.setItem(ThemeService.key, next);
    this.theme.set(next);
    this.apply(next);
  }

  private apply(theme: Theme): void {
    document.documentElement.style.colorScheme = theme;
    document.documentElement.classList.toggle('dark', theme === 'dark');
  }

  private static initial(): Theme {
    const saved = localStorage.getItem(ThemeService.key);
    if (saved === 'light' || saved === 'dark') {
      return saved;
    }
    return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
}

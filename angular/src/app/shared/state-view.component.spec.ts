import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { StateViewComponent } from './state-view.component';

@Component({
  imports: [StateViewComponent],
  template: `<app-state-view [loading]="loading()" [error]="error()" [empty]="empty()" emptyText="Nothing yet." (retry)="retried = true">
    <p class="content">The list</p></app-state-view>`,
})
class HostComponent {
  loading = signal(false);
  error = signal<string | null>(null);
  empty = signal(false);
  retried = false;
}

describe('StateViewComponent', () => {
  function render() {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    return fixture;
  }

  it('shows the content once loaded', () => {
    const fixture = render();
    expect(fixture.nativeElement.querySelector('.content')).not.toBeNull();
    expect(fixture.nativeElement.querySelector('mat-progress-bar')).toBeNull();
  });

  it('shows a progress bar while loading', () => {
    const fixture = render();
    fixture.componentInstance.loading.set(true);
    fixture.detectChanges();
    expect(fixture.nativeElement.querySelector('mat-progress-bar')).not.toBeNull();
  });

  it('says so when empty', () => {
    const fixture = render();
    fixture.componentInstance.empty.set(true);
    fixture.detectChanges();
    expect(fixture.nativeElement.querySelector('[role=status]').textContent).toContain('Nothing yet.');
    expect(fixture.nativeElement.querySelector('.content')).toBeNull();
  });

  it('shows the error with a retry', () => {
    const fixture = render();
    fixture.componentInstance.error.set('The server answered 503.');
    fixture.detectChanges();
    const alert = fixture.nativeElement.querySelector('[role=alert]');
    expect(alert.textContent).toContain('The server answered 503.');
    alert.querySelector('button').click();
    expect(fixture.componentInstance.retried).toBe(true);
  });
});

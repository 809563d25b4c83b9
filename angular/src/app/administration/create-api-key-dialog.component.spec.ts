import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { setUpPage } from '../testing';
import { CreateApiKeyDialogComponent } from './create-api-key-dialog.component';

describe('CreateApiKeyDialogComponent', () => {
  it('creates a key with the chosen permissions and shows its secret once, storing it nowhere', async () => {
    setUpPage(['Messaging.ApiKeys', 'Messaging.Messages', 'Messaging.Messages.Send']);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CreateApiKeyDialogComponent);
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;

    const choices = Array.from(element.querySelectorAll('mat-checkbox')).map(box => box.textContent!.trim());
    expect(choices).toEqual(['Messaging.ApiKeys', 'Messaging.Messages', 'Messaging.Messages.Send']);

    fixture.componentInstance['name'] = 'backend';
    fixture.componentInstance.toggle('Messaging.Messages.Send');
    const creating = fixture.componentInstance.create();
    const request = http.expectOne('/api/app/api-key');
    expect(request.request.body).toEqual({ name: 'backend', permissions: ['Messaging.Messages.Send'] });
    request.flush({
      id: '01a2037c-70b9-785d-9da9-f1f5f1aabc91', name: 'backend', prefix: 'msk_abcd', key: 'msk_abcd-the-secret',
      createdAt: '2026-12-04T07:00:00Z', permissions: ['Messaging.Messages.Send'],
    });
    await creating;
    fixture.detectChanges();

    expect(element.querySelector('[data-testid=raw-key]')!.textContent).toBe('msk_abcd-the-secret');
    expect(element.textContent).toContain('shown only this once');
    const stored = [...Object.values(localStorage), ...Object.values(sessionStorage)].join(' ');
    expect(stored).not.toContain('msk_abcd-the-secret');
  });

  it('sends no list when none is chosen, so the key may do what the tenant may', async () => {
    setUpPage(['Messaging.ApiKeys']);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CreateApiKeyDialogComponent);
    fixture.detectChanges();
    fixture.componentInstance['name'] = 'everything';
    void fixture.componentInstance.create();
    expect(http.expectOne('/api/app/api-key').request.body).toEqual({ name: 'everything', permissions: null });
  });
});

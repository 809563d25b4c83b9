import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { EmailEventDto } from '../api/models/email-event-dto';
import { setUpPage } from '../testing';
import { DeadLettersComponent } from './dead-letters.component';

function letter(id: string): EmailEventDto {
  return {
    id, type: 'Welcome', status: 'DeadLettered', recipient: `${id}@example.com`, acceptedAt: '2026-12-04T07:00:00Z', completedAt: null,
    nextAttemptAt: null, lastErrorClass: 'Permanent', lastReplyCode: '550', lastEnhancedCode: '5.1.1', attempts: [],
  };
}

describe('DeadLettersComponent', () => {
  let http: HttpTestingController;

  async function render(granted: string[]): Promise<ComponentFixture<DeadLettersComponent>> {
    setUpPage(granted);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DeadLettersComponent);
    fixture.detectChanges();
    list().flush({ items: [letter('a'), letter('b')], totalCount: 2 });
    await settle(fixture);
    return fixture;
  }

  function list(): TestRequest {
    return http.expectOne(request => request.url === '/api/app/email-event/dead-letters');
  }

  async function settle(fixture: ComponentFixture<DeadLettersComponent>): Promise<void> {
    await new Promise(resolve => setTimeout(resolve));
    fixture.detectChanges();
  }

  it('replays the chosen dead letters and lists the page again', async () => {
    const fixture = await render(['Messaging.EmailQueue', 'Messaging.EmailQueue.DeadLetters']);
    fixture.componentInstance.toggle('b');
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('Replay 1 selected');

    const replaying = fixture.componentInstance.replay();
    const replay = http.expectOne('/api/app/email-event/dead-letters/replay');
    expect(replay.request.body).toEqual({ ids: ['b'] });
    replay.flush({ replayed: 1 });
    await replaying;
    list().flush({ items: [letter('a')], totalCount: 1 });
    await settle(fixture);
    expect(fixture.componentInstance['selected']().size).toBe(0);
  });

  it('sends the filters and the page to the server', async () => {
    const fixture = await render(['Messaging.EmailQueue']);
    fixture.componentInstance['errorClass'] = 'Permanent';
    fixture.componentInstance['code'] = '550';
    fixture.componentInstance.search();
    const filtered = list();
    expect(filtered.request.params.get('ErrorClass')).toBe('Permanent');
    expect(filtered.request.params.get('Code')).toBe('550');
    expect(filtered.request.params.get('SkipCount')).toBe('0');
    expect(filtered.request.params.get('MaxResultCount')).toBe('25');
  });

  it('gives a reader no selection and no replay', async () => {
    const fixture = await render(['Messaging.EmailQueue']);
    expect(fixture.nativeElement.querySelector('mat-checkbox')).toBeNull();
    expect(fixture.nativeElement.textContent).not.toContain('Replay');
  });
});

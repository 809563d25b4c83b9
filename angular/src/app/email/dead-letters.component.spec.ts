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

  afterEach(() => vi.restoreAllMocks());

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
    expect(replay.request.body).toEqual({ ids: ['b'], ratePerSecond: null });
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

  it('gives a reader no selection, no replay and no purge', async () => {
    const fixture = await render(['Messaging.EmailQueue']);
    expect(fixture.nativeElement.querySelector('mat-checkbox')).toBeNull();
    expect(fixture.nativeElement.textContent).not.toContain('Replay');
    expect(fixture.nativeElement.textContent).not.toContain('Purge');
    expect(fixture.nativeElement.textContent).not.toContain('Correct');
  });

  it('replays what the applied filters match at the chosen rate, after confirming how many', async () => {
    const fixture = await render(['Messaging.EmailQueue', 'Messaging.EmailQueue.DeadLetters']);
    fixture.componentInstance['errorClass'] = 'Permanent';
    fixture.componentInstance.search();
    list().flush({ items: [letter('a')], totalCount: 1 });
    fixture.componentInstance['errorClass'] = 'Transient';
    fixture.componentInstance['rate'] = 2;
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);

    const replaying = fixture.componentInstance.replayMatching();
    const count = list();
    expect(count.request.params.get('ErrorClass')).toBe('Permanent');
    count.flush({ items: [letter('a')], totalCount: 7 });
    await settle(fixture);
    expect(confirm).toHaveBeenCalledWith('Replay all 7 dead letters matching the filters at 2 per second?');
    const replay = http.expectOne('/api/app/email-event/dead-letters/replay-matching');
    expect(replay.request.body).toEqual({ type: null, errorClass: 'Permanent', code: null, ratePerSecond: 2 });
    replay.flush({ replayed: 7 });
    await replaying;
    list().flush({ items: [], totalCount: 0 });
  });

  it('purges nothing when the user declines or nothing matches', async () => {
    const fixture = await render(['Messaging.EmailQueue', 'Messaging.EmailQueue.DeadLetters']);
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    fixture.componentInstance.toggle('a');
    await fixture.componentInstance.purge();

    const purging = fixture.componentInstance.purgeMatching();
    list().flush({ items: [], totalCount: 0 });
    await purging;
    expect(window.confirm).toHaveBeenCalledTimes(1);
    http.expectNone('/api/app/email-event/dead-letters/purge');
    http.expectNone('/api/app/email-event/dead-letters/purge-matching');
  });

  it('purges the chosen dead letters once confirmed', async () => {
    const fixture = await render(['Messaging.EmailQueue', 'Messaging.EmailQueue.DeadLetters']);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    fixture.componentInstance.toggle('a');
    fixture.componentInstance.toggle('b');

    const purging = fixture.componentInstance.purge();
    expect(confirm).toHaveBeenCalledWith('Purge 2 selected dead letters? They cannot be replayed afterwards.');
    const purge = http.expectOne('/api/app/email-event/dead-letters/purge');
    expect(purge.request.body).toEqual({ ids: ['a', 'b'] });
    purge.flush({ purged: 2 });
    await purging;
    list().flush({ items: [], totalCount: 0 });
  });
});

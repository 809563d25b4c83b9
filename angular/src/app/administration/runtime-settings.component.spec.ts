import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HighThroughputSettingsChangeDto } from '../api/models/high-throughput-settings-change-dto';
import { setUpPage } from '../testing';
import { RuntimeSettingsComponent } from './runtime-settings.component';

const first: HighThroughputSettingsChangeDto = {
  version: 1, changedAt: '2026-12-04T07:00:00Z', changedBy: 'admin', changedByKeyId: null, restoredFromVersion: null,
  oldSettings: { Workers: 4 }, newSettings: { Workers: 8 },
};

describe('RuntimeSettingsComponent', () => {
  let http: HttpTestingController;

  afterEach(() => vi.restoreAllMocks());

  async function render(): Promise<ComponentFixture<RuntimeSettingsComponent>> {
    setUpPage(['Messaging.Settings'], null);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RuntimeSettingsComponent);
    fixture.detectChanges();
    http.expectOne('/api/app/settings/high-throughput').flush({ version: 2, changedAt: null, changedBy: null, settings: { Workers: 6 } });
    http.expectOne(request => request.url === '/api/app/settings/high-throughput/history').flush({
      items: [{ ...first, version: 2, oldSettings: { Workers: 8 }, newSettings: { Workers: 6 } }, first], totalCount: 2,
    });
    await new Promise(resolve => setTimeout(resolve));
    fixture.detectChanges();
    return fixture;
  }

  it('shows what each version changed and offers to restore all but the current one', async () => {
    const fixture = await render();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('Workers: 4 → 8');
    expect(text).toContain('Workers: 8 → 6');
    expect(text).toContain('Restore version 1');
    expect(text).not.toContain('Restore version 2');
  });

  it('saves the edited settings against the version they were read at', async () => {
    const fixture = await render();
    fixture.componentInstance['text'] = '{"Workers": 12}';
    void fixture.componentInstance.save();
    const update = http.expectOne({ method: 'PUT', url: '/api/app/settings/high-throughput' });
    expect(update.request.body).toEqual({ settings: { Workers: 12 }, expectedVersion: 2 });
  });

  it('restores a version once confirmed, against the current version', async () => {
    const fixture = await render();
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    void fixture.componentInstance.restore(first);
    const restore = http.expectOne('/api/app/settings/high-throughput/history/1/restore');
    expect(restore.request.body).toEqual({ expectedVersion: 2 });
  });

  it('sends nothing when the settings are not a JSON object', async () => {
    const fixture = await render();
    fixture.componentInstance['text'] = '[';
    await fixture.componentInstance.save();
    http.expectNone({ method: 'PUT', url: '/api/app/settings/high-throughput' });
  });
});

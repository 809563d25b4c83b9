import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { setUpPage } from '../testing';
import { ChannelsComponent } from './channels.component';

describe('ChannelsComponent', () => {
  let http: HttpTestingController;

  async function render(granted: string[], items: unknown[] = []): Promise<ComponentFixture<ChannelsComponent>> {
    setUpPage(granted, 'Demo', [provideRouter([{ path: 'channels/:id', children: [] }])]);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ChannelsComponent);
    fixture.detectChanges();
    list().flush({ items, totalCount: items.length });
    await new Promise(resolve => setTimeout(resolve));
    fixture.detectChanges();
    return fixture;
  }

  function list(): TestRequest {
    return http.expectOne(request => request.url === '/api/app/channel' && request.method === 'GET');
  }

  it('says so when there is no channel, and pages through the server', async () => {
    const fixture = await render(['Messaging.Channel']);
    expect(fixture.nativeElement.textContent).toContain('No channel yet.');
    fixture.componentInstance.turn({ pageIndex: 2, pageSize: 10, length: 40 });
    const page = list();
    expect(page.request.params.get('SkipCount')).toBe('20');
    expect(page.request.params.get('MaxResultCount')).toBe('10');
  });

  it('creates a channel and opens its live view', async () => {
    const fixture = await render(['Messaging.Channel', 'Messaging.Channel.Manage']);
    fixture.componentInstance['name'] = 'ops';
    const creating = fixture.componentInstance.create();
    const create = http.expectOne(request => request.url === '/api/app/channel' && request.method === 'POST');
    expect(create.request.body).toEqual({ name: 'ops', description: null });
    create.flush({ id: 'c1', name: 'ops' });
    await creating;
    expect(TestBed.inject(Router).url).toBe('/channels/c1');
  });

  it('offers no form to a reader', async () => {
    const fixture = await render(['Messaging.Channel']);
    expect(fixture.nativeElement.querySelector('form[aria-label="New channel"]')).toBeNull();
  });
});

import { Routes } from '@angular/router';

export const channelsRoutes: Routes = [
  { path: '', title: 'Channels', loadComponent: () => import('./channels.component').then(m => m.ChannelsComponent) },
  { path: ':id', title: 'Channel', loadComponent: () => import('./channel-live.component').then(m => m.ChannelLiveComponent) },
];

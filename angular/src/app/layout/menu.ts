import { Permissions } from '../core/permissions';

export interface MenuItem {
  label: string;
  icon: string;
  link: string;
  permission?: string;
  hostOnly?: boolean;
  tenantOnly?: boolean;
}

export interface MenuGroup {
  module: string;
  items: MenuItem[];
}

/** The side menu by module, as ABP lays it out; an item shows only to a caller with its permission. */
export const menu: MenuGroup[] = [
  { module: 'Overview', items: [{ label: 'Dashboard', icon: 'dashboard', link: '/dashboard' }] },
  { module: 'Messages', items: [{ label: 'Activity', icon: 'forum', link: '/messages', permission: Permissions.messages }] },
  {
    module: 'Delivery',
    items: [
      { label: 'Providers', icon: 'settings_input_antenna', link: '/delivery/providers', permission: Permissions.messages, tenantOnly: true },
      { label: 'Circuits', icon: 'electrical_services', link: '/delivery/circuits', permission: Permissions.circuits },
      { label: 'Sandbox', icon: 'science', link: '/delivery/sandbox', permission: Permissions.messages, tenantOnly: true },
    ],
  },
  {
    module: 'Email',
    items: [
      { label: 'Dead letters', icon: 'mark_email_unread', link: '/email/dead-letters', permission: Permissions.emailQueue },
      { label: 'Suppressions', icon: 'unsubscribe', link: '/email/suppressions', permission: Permissions.emailQueue },
      { label: 'Inbound', icon: 'move_to_inbox', link: '/email/inbound', permission: Permissions.emailInbound, tenantOnly: true },
      { label: 'Inbound rules', icon: 'rule', link: '/email/inbound-rules', permission: Permissions.emailInbound, tenantOnly: true },
    ],
  },
  {
    module: 'Attachments',
    items: [{ label: 'Attachments', icon: 'attach_file', link: '/attachments', permission: Permissions.attachments, tenantOnly: true }],
  },
  {
    module: 'Channels',
    items: [{ label: 'Channels', icon: 'podcasts', link: '/channels', permission: Permissions.channels, tenantOnly: true }],
  },
  {
    module: 'Administration',
    items: [
      { label: 'Tenants', icon: 'domain', link: '/administration/tenants', permission: Permissions.tenants, hostOnly: true },
      { label: 'Runtime settings', icon: 'tune', link: '/administration/settings', permission: Permissions.settings, hostOnly: true },
      { label: 'API keys', icon: 'key', link: '/administration/api-keys', permission: Permissions.apiKeys, tenantOnly: true },
      { label: 'Users', icon: 'group', link: '/administration/users', permission: Permissions.users },
      { label: 'Roles', icon: 'admin_panel_settings', link: '/administration/roles', permission: Permissions.roles },
      { label: 'Security log', icon: 'policy', link: '/administration/security-log', permission: Permissions.securityLogs },
    ],
  },
];

/** The host's permission names the UI asks about (see each module's *Permissions class). */
export const Permissions = {
  messages: 'Messaging.Messages',
  messagesSend: 'Messaging.Messages.Send',
  messagesCancel: 'Messaging.Messages.Cancel',
  apiKeys: 'Messaging.ApiKeys',
  users: 'Messaging.Identity.Users',
  roles: 'Messaging.Identity.Roles',
  securityLogs: 'Messaging.Identity.SecurityLogs',
  tenants: 'Messaging.Tenants',
  circuits: 'Messaging.Circuits',
  emailQueue: 'Messaging.EmailQueue',
  emailDeadLetters: 'Messaging.EmailQueue.DeadLetters',
  emailSuppressions: 'Messaging.EmailQueue.Suppressions',
  messagesProviders: 'Messaging.Messages.Providers',
  circuitsManage: 'Messaging.Circuits.Manage',
} as const;

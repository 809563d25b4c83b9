import { MessageChannel } from '../api/models/message-channel';
import { MessagePriority } from '../api/models/message-priority';
import { MessageStatus } from '../api/models/message-status';

export const statuses: MessageStatus[] = ['Accepted', 'Queued', 'Sending', 'Sent', 'Delivered', 'Failed', 'Cancelled'];
export const channels: MessageChannel[] = ['WhatsApp', 'Sms', 'Email', 'Webhook'];
export const priorities: MessagePriority[] = ['Low', 'Normal', 'High', 'Critical'];

/** A message no provider has heard of yet may still be cancelled. */
export function cancellable(status: MessageStatus): boolean {
  return status === 'Accepted' || status === 'Queued';
}

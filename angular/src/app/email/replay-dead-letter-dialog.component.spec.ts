import { parsePayload } from './replay-dead-letter-dialog.component';

describe('parsePayload', () => {
  it('keeps the stored payload when the box is empty', () => {
    expect(parsePayload('  ')).toBeNull();
  });

  it('reads one JSON object', () => {
    expect(parsePayload('{"orderId": "A-1"}')).toEqual({ orderId: 'A-1' });
  });

  it('refuses what is not a JSON object, saying why', () => {
    expect(() => parsePayload('{orderId')).toThrow('The payload is not valid JSON.');
    expect(() => parsePayload('[1]')).toThrow('The payload must be a JSON object.');
    expect(() => parsePayload('null')).toThrow('The payload must be a JSON object.');
  });
});

import { parseJsonObject } from './json-object';

describe('parseJsonObject', () => {
  it('reads an empty box as nothing', () => {
    expect(parseJsonObject('  ', 'The payload')).toBeNull();
  });

  it('reads one JSON object', () => {
    expect(parseJsonObject('{"orderId": "A-1"}', 'The payload')).toEqual({ orderId: 'A-1' });
  });

  it('refuses what is not a JSON object, saying why', () => {
    expect(() => parseJsonObject('{orderId', 'The payload')).toThrow('The payload is not valid JSON.');
    expect(() => parseJsonObject('[1]', 'The settings')).toThrow('The settings must be a JSON object.');
    expect(() => parseJsonObject('null', 'The payload')).toThrow('The payload must be a JSON object.');
  });
});

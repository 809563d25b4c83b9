import { JsonObject } from '../api/models/json-object';

/** Reads a JSON object typed by the user: null when the box is empty, an error naming `what` when it is not one object. */
export function parseJsonObject(text: string, what: string): JsonObject | null {
  if (!text.trim()) {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${what} must be a JSON object.`);
  }
  return parsed as JsonObject;
}

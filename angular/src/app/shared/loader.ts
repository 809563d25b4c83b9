import { signal } from '@angular/core';
import { describeError } from '../core/problem';

/** One request's state as signals: the value, whether it is on its way, and the error to show. */
export class Loader<T> {
  readonly value = signal<T | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  private generation = 0;

  constructor(private readonly fetch: () => Promise<T>) {}

  async load(): Promise<void> {
    const mine = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const value = await this.fetch();
      if (mine === this.generation) {
        this.value.set(value);
      }
    } catch (error) {
      if (mine === this.generation) {
        this.error.set(describeError(error));
      }
    } finally {
      if (mine === this.generation) {
        this.loading.set(false);
      }
    }
  }
}

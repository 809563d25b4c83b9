import { HttpErrorResponse } from '@angular/common/http';

/** A sentence for an error state: the RFC 7807 problem's title and field errors, or what went wrong on the way. */
export function describeError(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const problem = error.error as { title?: string; detail?: string; errors?: Record<string, string[]> } | null;
    if (problem && typeof problem === 'object' && problem.title) {
      const fields = Object.values(problem.errors ?? {}).flat();
      return [problem.detail ?? problem.title, ...fields].join(' ');
    }
    return error.status === 0 ? 'The server could not be reached.' : `The server answered ${error.status}.`;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

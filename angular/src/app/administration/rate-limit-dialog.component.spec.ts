import { overrideBody } from './rate-limit-dialog.component';

describe('overrideBody', () => {
  it('sends the limits given and leaves the empty ones to the tier', () => {
    expect(overrideBody(600, null, Number.NaN)).toEqual({ requestsPerMinute: 600, burstLimit: null, concurrentRequests: null });
  });
});

import { HttpErrorResponse } from '@angular/common/http';
import { describeError } from './problem';

describe('describeError', () => {
  it('reads a problem document with its field errors', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: { title: 'One or more fields are invalid.', errors: { recipient: ['The recipient must be a phone number.'] } },
    });
    expect(describeError(error)).toBe('One or more fields are invalid. The recipient must be a phone number.');
  });

  it('says when the server could not be reached', () => {
    expect(describeError(new HttpErrorResponse({ status: 0 }))).toBe('The server could not be reached.');
  });

  it('names the status of an answer without a problem document', () => {
    expect(describeError(new HttpErrorResponse({ status: 502 }))).toBe('The server answered 502.');
  });
});

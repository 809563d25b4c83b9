import { EmailRuleForm, ruleBody } from './email-rule-dialog.component';

const form: EmailRuleForm = {
  kind: 'Filter', workerId: '', name: ' Spam ', field: 'Sender', headerName: 'X-Spam', matchType: 'Glob', pattern: '*@spam.example',
  action: 'Drop', target: ' ', order: null, enabled: true, alertThreshold: 10,
};

describe('ruleBody', () => {
  it('sends a filter with its action, for every worker, without a header name or threshold', () => {
    expect(ruleBody(form)).toEqual({
      kind: 'Filter', workerId: null, name: 'Spam', field: 'Sender', headerName: null, matchType: 'Glob', pattern: '*@spam.example',
      action: 'Drop', target: null, order: 0, enabled: true, alertThreshold: null,
    });
  });

  it('sends a watch with its threshold and no action, and a header rule with the header name', () => {
    const body = ruleBody({ ...form, kind: 'Watch', field: 'Header', workerId: 'w1' });
    expect(body).toMatchObject({ kind: 'Watch', workerId: 'w1', headerName: 'X-Spam', action: null, target: null, alertThreshold: 10 });
  });
});

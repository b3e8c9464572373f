import { describe, expect, it } from 'vitest';
import { callerOf, groupsOf } from '../../shared/http/caller.js';
import { apiEvent } from '../support/events.js';

const withClaims = (claims: Record<string, unknown>) => callerOf(apiEvent({ authorizer: { jwt: { claims: { token_use: 'access', sub: 'someone', ...claims } } } }));

describe('who is calling, from what the authorizers established', () => {
  it('reads groups in the two forms API Gateway passes, matching whole names', () => {
    expect(groupsOf(['operators'])).toEqual(['operators']);
    expect(groupsOf('[operators admins]')).toEqual(['operators', 'admins']);
    expect(groupsOf('[]')).toEqual([]);
    expect(withClaims({ 'cognito:groups': '[admins operators]' }).kind).toBe('operator');
    expect(withClaims({ 'cognito:groups': ['operators'] }).kind).toBe('operator');
  });

  it.each([[['x,operators']], [['billing operators']], ['[x,operators]'], [['operators-readonly']], [[42]]])(
    'does not make %j an operator',
    (groups) => {
      expect(withClaims({ 'cognito:groups': groups }).kind).toBe('customer');
    },
  );

  it('refuses a token without a subject, or with an empty one', () => {
    expect(withClaims({ sub: '' })).toEqual({ kind: 'invalid', reason: 'the token names no subject' });
    expect(withClaims({ sub: undefined }).kind).toBe('invalid');
    expect(callerOf(apiEvent({ authorizer: { lambda: { caller: 'customer', sub: '' } } })).kind).toBe('invalid');
  });
});

import { describe, expect, it } from 'vitest';
import { cognitoRegionOf, setUpMfa, type CognitoSend } from '../../cli/ops-mfa.js';

const tokenFrom = (iss: string) => `x.${Buffer.from(JSON.stringify({ iss })).toString('base64url')}.y`;

describe('npm run ops -- mfa-setup', () => {
  it("finds the pool's region in a Cognito token, and none in the local issuer's", () => {
    expect(cognitoRegionOf(tokenFrom('https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC'))).toBe('eu-west-2');
    expect(cognitoRegionOf(tokenFrom('http://127.0.0.1:5000/local-issuer'))).toBeUndefined();
    expect(cognitoRegionOf('garbage')).toBeUndefined();
  });

  it('associates a TOTP secret, verifies the code the person types, then prefers TOTP, all with their own token', async () => {
    const calls: { name: string; input: Record<string, unknown> }[] = [];
    const send: CognitoSend = async (command) => {
      calls.push({ name: command.constructor.name, input: command.input as Record<string, unknown> });
      return command.constructor.name === 'AssociateSoftwareTokenCommand' ? { SecretCode: 'SECRET234' } : { Status: 'SUCCESS' };
    };
    const shown: string[] = [];
    await setUpMfa('the-token', send, async () => ' 123456 \n', (line) => shown.push(line));
    expect(calls).toEqual([
      { name: 'AssociateSoftwareTokenCommand', input: { AccessToken: 'the-token' } },
      { name: 'VerifySoftwareTokenCommand', input: { AccessToken: 'the-token', UserCode: '123456', FriendlyDeviceName: 'authenticator app' } },
      { name: 'SetUserMFAPreferenceCommand', input: { AccessToken: 'the-token', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } } },
    ]);
    expect(shown[0]).toContain('otpauth://totp/JOI%20Energy?secret=SECRET234&issuer=JOI%20Energy');
    expect(shown.at(-1)).toContain('Sign in again');
  });

  it('stops before changing the preference when the code is refused', async () => {
    const names: string[] = [];
    const send: CognitoSend = async (command) => {
      names.push(command.constructor.name);
      return command.constructor.name === 'AssociateSoftwareTokenCommand' ? { SecretCode: 'S' } : { Status: 'ERROR' };
    };
    await expect(setUpMfa('t', send, async () => '000000', () => undefined)).rejects.toThrow('the code was not accepted');
    expect(names).toEqual(['AssociateSoftwareTokenCommand', 'VerifySoftwareTokenCommand']);
  });
});

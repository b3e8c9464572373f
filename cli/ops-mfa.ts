import { AssociateSoftwareTokenCommand, CognitoIdentityProviderClient, SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';

/** The Cognito calls MFA set-up makes, all with the person's own access token (no AWS credentials). */
export type CognitoSend = (command: AssociateSoftwareTokenCommand | VerifySoftwareTokenCommand | SetUserMFAPreferenceCommand) => Promise<{ SecretCode?: string; Status?: string }>;

/** The region of the pool that issued a Cognito access token (its `iss` is https://cognito-idp.<region>.amazonaws.com/<pool>). */
export function cognitoRegionOf(accessToken: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as { iss?: string };
    return /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\//.exec(claims.iss ?? '')?.[1];
  } catch {
    return undefined;
  }
}

export const cognitoSend = (region: string): CognitoSend => {
  const client = new CognitoIdentityProviderClient({ region });
  return (command) => client.send(command as AssociateSoftwareTokenCommand) as Promise<{ SecretCode?: string; Status?: string }>;
};

/**
 * Sets up an authenticator app (TOTP) for the signed-in person: Cognito's hosted sign-in does not offer it while MFA
 * is optional pool-wide, and operators need it for their rights. Shows the secret as an otpauth:// URI (what an
 * authenticator app scans or takes by hand), asks for the app's current code, then makes TOTP the preferred factor.
 */
export async function setUpMfa(accessToken: string, send: CognitoSend, ask: (question: string) => Promise<string>, show: (line: string) => void): Promise<void> {
  const { SecretCode: secret } = await send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  if (!secret) throw new Error('Cognito returned no secret');
  show(`Add this to your authenticator app (or type the secret ${secret}):\n  otpauth://totp/JOI%20Energy?secret=${secret}&issuer=JOI%20Energy`);
  const code = (await ask('The 6-digit code your app shows now: ')).trim();
  const verified = await send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code, FriendlyDeviceName: 'authenticator app' }));
  if (verified.Status !== 'SUCCESS') throw new Error('the code was not accepted: try again with the next code');
  await send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  show('MFA is set up. Sign in again (npm run ops -- login): your new token carries your operator rights.');
}

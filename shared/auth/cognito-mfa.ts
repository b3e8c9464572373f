import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/** Whether a user has set up a second factor (the pool's only one: an authenticator app, TOTP). */
export type MfaLookup = (userPoolId: string, username: string) => Promise<boolean>;

let client: CognitoIdentityProviderClient | undefined;

/** The lookup against Cognito (AdminGetUser): one client per process. */
export const cognitoMfaLookup: MfaLookup = async (userPoolId, username) => {
  client ??= new CognitoIdentityProviderClient({});
  const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  return (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
};

import { OPERATORS_GROUP } from '../http/caller.js';

/**
 * The groups a person's tokens may carry: operators' rights only once they have set up MFA. An operator's token can
 * do everything (onboard, rotate keys, delete readings, change prices), so a password alone must not be enough; a
 * customer's rights need no second factor (households without an authenticator app still see their usage).
 */
export function tokenGroups(groups: readonly string[], mfaEnabled: boolean): string[] {
  return mfaEnabled ? [...groups] : groups.filter((group) => group !== OPERATORS_GROUP);
}

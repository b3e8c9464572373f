import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { cognitoMfaLookup, type MfaLookup } from '../../shared/auth/cognito-mfa.js';
import { tokenGroups } from '../../shared/auth/operator-mfa.js';
import { OPERATORS_GROUP } from '../../shared/http/caller.js';
import { log } from '../../shared/observability/log.js';

/**
 * The user pool's pre-token-generation trigger, V2_0 event: before Cognito issues a person's ID and access tokens, at
 * sign-in and at every refresh, it drops the operators group unless the person has MFA set up. V2_0 because AWS
 * documents the V1_0 event as customising the ID token only, while the API authorizes the access token; a V2_0
 * `claimsAndScopeOverrideDetails.groupOverrideDetails` sets `cognito:groups` in both (it needs the Essentials plan).
 * Only members of the group cost a lookup; when the lookup fails the group is dropped, never sign-in.
 */
export function operatorMfaGate(hasMfa: MfaLookup) {
  return async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
    const groups = event.request.groupConfiguration.groupsToOverride ?? [];
    if (!groups.includes(OPERATORS_GROUP)) return event;
    let mfa = false;
    try {
      mfa = await hasMfa(event.userPoolId, event.userName);
    } catch (error) {
      log('error', 'operator MFA lookup failed: operator rights withheld from this token', { error: String(error) });
    }
    const overrides = event.response.claimsAndScopeOverrideDetails ?? {};
    event.response.claimsAndScopeOverrideDetails = { ...overrides, groupOverrideDetails: { ...overrides.groupOverrideDetails, groupsToOverride: tokenGroups(groups, mfa) } };
    return event;
  };
}

export const handler = operatorMfaGate(cognitoMfaLookup);

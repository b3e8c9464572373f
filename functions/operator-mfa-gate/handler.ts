import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { cognitoMfaLookup, type MfaLookup } from '../../shared/auth/cognito-mfa.js';
import { tokenGroups } from '../../shared/auth/operator-mfa.js';
import { OPERATORS_GROUP } from '../../shared/http/caller.js';
import { log } from '../../shared/observability/log.js';


/**
 * The user pool's pre-token-generation trigger (its V1 event, which every feature plan has): before Cognito issues a
 * person's ID and access tokens, at sign-in and at every refresh, it drops the operators group unless the person has
 * MFA set up. Only members of the group cost a lookup; when the lookup fails the group is dropped, never sign-in.
 */
export function operatorMfaGate(hasMfa: MfaLookup) {
  return async (event: PreTokenGenerationTriggerEvent): Promise<PreTokenGenerationTriggerEvent> => {
    const groups = event.request.groupConfiguration.groupsToOverride ?? [];
    if (!groups.includes(OPERATORS_GROUP)) return event;
    let mfa = false;
    try {
      mfa = await hasMfa(event.userPoolId, event.userName);
    } catch (error) {
      log('error', 'operator MFA lookup failed: operator rights withheld from this token', { error: String(error) });
    }
    event.response.claimsOverrideDetails = { ...event.response.claimsOverrideDetails, groupOverrideDetails: { groupsToOverride: tokenGroups(groups, mfa) } };
    return event;
  };
}

export const handler = operatorMfaGate(cognitoMfaLookup);

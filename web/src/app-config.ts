/**
 * What the server tells the app at /config.json (the local server, or the stack's deployment in AWS): the open demo,
 * or where to sign in with the authorization-code flow and PKCE. One type for the app and both servers.
 */
export type AppConfig =
  | { mode: 'demo' }
  | { mode: 'sign-in'; authorizeUrl: string; tokenUrl: string; logoutUrl: string; clientId: string; scope?: string; opsClientId?: string };

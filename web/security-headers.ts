/**
 * The web app's Content-Security-Policy, set by CloudFront's response headers policy in AWS and by the local server:
 * scripts, styles and data only from the app's own origin (the API is same-origin), plus the sign-in domain the
 * token exchange talks to. No inline script or style: the app sets styles through the CSSOM only.
 */
export function contentSecurityPolicy(signInOrigin?: string): string {
  const auth = signInOrigin ? ` ${signInOrigin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${auth}`,
    `form-action 'self'${auth}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** HSTS: two years, subdomains included (the AWS distribution is HTTPS-only). */
export const HSTS_SECONDS = 2 * 365 * 24 * 3600;

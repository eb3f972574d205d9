import helmet from 'helmet';

/**
 * The security headers of every answer (helmet): a strict Content-Security-Policy (no inline
 * script or style, no framing), and helmet's other defaults. `https` adds
 * upgrade-insecure-requests, for deployments behind TLS (SECURE_COOKIES).
 */
export function securityHeaders(https: boolean): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
  });
}

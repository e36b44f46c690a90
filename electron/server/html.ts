// Shared by the HTTP shell and the Electron shell: the page's CSP and the nonce antd's
// CSS-in-JS needs for the <style> tags it injects. script-src stays 'self'.

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Puts the nonce where the renderer reads it (a meta tag); the page's own scripts are files. */
export function renderIndexHtml(template: string, nonce: string): string {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(nonce)) throw new Error('renderIndexHtml: bad nonce');
  return template.replace('</head>', `  <meta name="csp-nonce" content="${nonce}" />\n  </head>`);
}

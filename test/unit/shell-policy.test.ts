import { describe, expect, it } from 'vitest';
import { isAppUrl, navigationAllowed, permissionAllowed, rendererPath } from '../../electron/shell/policy';
import { contentSecurityPolicy, renderIndexHtml } from '../../electron/server/html';

describe('Electron shell policy', () => {
  it('recognises only the app’s own origin, parsed, not substring-matched', () => {
    expect(isAppUrl('app://console/index.html')).toBe(true);
    expect(isAppUrl('app://console.evil.com/index.html')).toBe(false);
    expect(isAppUrl('https://evil.com/app://console/')).toBe(false);
    expect(isAppUrl('app://user:pw@console/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('refuses navigation away from the app', () => {
    expect(navigationAllowed('app://console/#/audit')).toBe(true);
    expect(navigationAllowed('https://example.com/')).toBe(false);
    expect(navigationAllowed('file:///etc/passwd')).toBe(false);
  });

  it('allows the camera (video only) for the app’s page and nothing else', () => {
    expect(permissionAllowed('media', 'app://console/index.html', ['video'])).toBe(true);
    expect(permissionAllowed('media', 'app://console/index.html', ['audio'])).toBe(false);
    expect(permissionAllowed('media', 'app://console/index.html', ['video', 'audio'])).toBe(false);
    expect(permissionAllowed('media', 'https://evil.com/', ['video'])).toBe(false);
    expect(permissionAllowed('geolocation', 'app://console/', undefined)).toBe(false);
    expect(permissionAllowed('notifications', 'app://console/', undefined)).toBe(false);
  });

  it('maps app:// paths into the renderer folder and refuses escapes', () => {
    expect(rendererPath('app://console/')).toBe('index.html');
    expect(rendererPath('app://console/assets/index-1.js')).toBe('assets/index-1.js');
    // the URL parser resolves dot segments first: what is left stays inside the renderer folder
    expect(rendererPath('app://console/%2e%2e/%2e%2e/etc/passwd')).toBe('etc/passwd');
    expect(rendererPath('app://console/a/%2e%2e%2f%2e%2e%2fsecret')).toBeNull();
    expect(rendererPath('app://console/assets/..%5c..%5csecret')).toBeNull();
    expect(rendererPath('https://console/assets/a.js')).toBeNull();
  });

  it('CSP keeps script-src to self with no unsafe-inline; the nonce lands in a meta tag', () => {
    const csp = contentSecurityPolicy('abc123==');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'nonce-abc123=='");
    expect(csp).not.toContain('unsafe');
    expect(renderIndexHtml('<html><head><meta charset="UTF-8" /></head></html>', 'abc123==')).toContain('<meta name="csp-nonce" content="abc123==" />');
    expect(() => renderIndexHtml('<head>', '"><script>')).toThrow();
  });
});

// rc-util measures scrollbars by injecting a <style> without the CSP nonce (every antd Table does
// it on mount); the page's CSP refuses it and logs a violation. Style elements created by the
// page's own scripts get the nonce, as antd's CSS-in-JS styles already do. Markup injected any
// other way (an HTML string) still gets no nonce, so the CSP keeps its point.
export function applyStyleNonce(nonce: string | undefined): void {
  if (!nonce) return;
  const create = document.createElement.bind(document);
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const el = create(tag, options);
    if (tag.toLowerCase() === 'style') (el as HTMLStyleElement).nonce = nonce;
    return el;
  }) as typeof document.createElement;
}

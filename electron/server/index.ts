// The HTTP shell's one entry point: the Electron shell (and the CLI) take what they need from
// here, never from the server's modules directly.
export { DEMO_SITE, DEMO_STAFF_PIN, loadDemo, startDemoClock } from './demo';
export { contentSecurityPolicy, renderIndexHtml } from './html';
export { SITE_CERT_PATH, startHttpServer, type RunningServer } from './http';
export { serveConsole, type ServedConsole } from './lan';

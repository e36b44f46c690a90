// The door's https address, without the LAN card's components: the door screen names it in its
// camera note and does not download the card (LanAccess.tsx) for it.
import type { OutputOf } from '../../../electron/commands/api';

/** The https address of the page the browser is on (same hash route), when the console serves https. */
export function httpsHere(info: OutputOf<'system.lanInfo'> | null): string | null {
  if (!info?.serving || info.httpsPort === null) return null;
  return `https://${window.location.hostname}:${info.httpsPort}${window.location.pathname}${window.location.hash}`;
}

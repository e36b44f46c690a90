import { createContext, useContext } from 'react';
import type { OutputOf } from '../../electron/commands/api';

export type Session = OutputOf<'auth.me'>;

export const SessionCtx = createContext<{ session: Session; signOut(): void } | null>(null);

export function useSession(): { session: Session; signOut(): void } {
  const v = useContext(SessionCtx);
  if (!v) throw new Error('useSession outside a signed-in frame');
  return v;
}

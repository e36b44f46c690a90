import type { Role } from '../../electron/commands/api';
import type { MessageKey } from './i18n';

/** Roles in the order the UI lists them, with their message keys. */
export const ROLE_KEYS: readonly (readonly [Role, MessageKey])[] = [
  ['site_head', 'role.site_head'],
  ['proctor', 'role.proctor'],
  ['examiner', 'role.examiner'],
  ['chief_examiner', 'role.chief_examiner'],
  ['supervisor', 'role.supervisor'],
  ['score_clerk', 'role.score_clerk'],
  ['admin', 'role.admin'],
];

export function roleKey(role: Role): MessageKey {
  return `role.${role}`;
}

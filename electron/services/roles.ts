import { STAFF_ROLES, type StaffRole } from '../../db/schema/core';

/** DOMAIN S1 roles, plus the PC's administrator (the staff_roles column's enum). The order is the order the UI lists them in. */
export const ROLES = STAFF_ROLES;
export type Role = StaffRole;

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

export const ROLE_NAMES_ZH: Record<Role, string> = {
  site_head: '考点负责人',
  proctor: '监考人员',
  examiner: '考评员',
  chief_examiner: '考评组长',
  supervisor: '督导员',
  score_clerk: '登分人员',
  admin: '系统管理员',
};

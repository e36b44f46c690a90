// Staff get their PINs the way people do (S1): the site head issues enrolment codes, each person
// enrols with their code and chooses a PIN. Through the real commands, never a direct write.
interface Caller {
  ok<T = unknown>(method: string, input?: unknown, token?: string | null): Promise<T>;
}

export interface Slip {
  staffId: number;
  staffNo: string;
  name: string;
  code: string;
  validOn: string;
  reset: boolean;
}

/** Issues codes for `staffIds` with the issuer's token and enrols each with `pin`; returns the slips. */
export async function enrolStaff(c: Caller, issuerToken: string, staffIds: number[], pin: string): Promise<Slip[]> {
  const { slips } = await c.ok<{ slips: Slip[] }>('staff.issueEnrolment', { staffIds }, issuerToken);
  for (const s of slips) await c.ok('auth.enrol', { staffNo: s.staffNo, code: s.code, pin }, null);
  return slips;
}

/** Adds a staff member (staff.create) and enrols them with `pin`; returns their id. */
export async function addStaff(c: Caller, issuerToken: string, person: { staffNo: string; name: string; roles: string[]; examinerGrade?: string }, pin: string): Promise<number> {
  const { id } = await c.ok<{ id: number }>('staff.create', person, issuerToken);
  await enrolStaff(c, issuerToken, [id], pin);
  return id;
}

// The draw's service layer, one file per concern: the read side (queries, board), the solver's
// inputs (input), on duty (duty), the draw and its confirmation (record), verification (verify)
// and manual changes (change). The solver itself (solver.ts and friends) stays pure.
export { batchOf, drawBatches, drawInForce, dutyList, proctorsFor, sessionsOf, type DrawInForce } from './queries';
export { buildInput } from './input';
export { markDuty } from './duty';
export { confirmDraw, runDraw, type RunInput } from './record';
export { verifyDraw, type VerifyReport } from './verify';
export { changeAssignment, checkChange, type ChangeInput } from './change';
export { drawBoard } from './board';

// The door's confirm input (E3–E5), one schema for every command that signs a candidate in at a door
// (checkin.confirm, and cardreader.confirm from an ID card): a command imports no other command.
import { z } from 'zod';
import { LOOKUP_METHODS } from '../../../db/schema/checkin';

const id = z.number().int().positive();
const reason = z.string().trim().min(1, '请填写原因').max(200);
const staffNo = z.string().trim().min(1, '请输入工号').max(32);
const pin = z.string().min(1, '请输入 PIN').max(64);

export const confirmInput = z.object({
  sessionId: id,
  roomId: id,
  candidateId: id,
  method: z.enum(LOOKUP_METHODS),
  scanned: z.string().max(200).default(''),
  photo: z.object({ jpegBase64: z.string().min(1).max(400_000), width: z.number().int().positive().max(4096).optional(), height: z.number().int().positive().max(4096).optional() }).optional(),
  noPhotoReason: z.string().trim().max(200).optional(),
  doubtful: z.object({ reason, secondStaffNo: staffNo, secondPin: pin }).optional(),
  late: z.object({ reason, supervisorStaffNo: staffNo.optional(), supervisorPin: pin.optional() }).optional(),
  /** one per verdict on the screen: a retried confirm with it is the same sign-in */
  confirmKey: z.string().regex(/^[0-9a-f]{32}$/, '确认编号格式不对').optional(),
});

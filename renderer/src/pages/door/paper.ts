import { call } from '../../api/client';
import { downloadBase64 } from '../../components/download';

/** Fetches the room's xlsx from the console and hands it to the browser as a download. */
export async function downloadSheet(sessionId: number, roomId: number, kind: 'signSheet' | 'doorList'): Promise<void> {
  const file = await call('checkin.sheet', { sessionId, roomId, kind });
  downloadBase64(file.fileName, file.base64);
}

import { call } from '../../api/client';

/** Fetches the room's xlsx from the console and hands it to the browser as a download. */
export async function downloadSheet(sessionId: number, roomId: number, kind: 'signSheet' | 'doorList'): Promise<void> {
  const file = await call('checkin.sheet', { sessionId, roomId, kind });
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

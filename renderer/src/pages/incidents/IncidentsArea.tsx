// The incidents desk's pages under /incidents: the room list (and briefing), /incidents/room/<session>/<room>.
import { usePath } from '../../router';
import { RareNameFonts } from '../door/fonts';
import { RoomPage } from './RoomPage';
import { RoomsPage } from './RoomsPage';

export function IncidentsArea() {
  const path = usePath();
  const m = /^\/incidents\/room\/(\d+)\/(\d+)$/.exec(path);
  return <RareNameFonts>{m ? <RoomPage key={path} sessionId={Number(m[1])} roomId={Number(m[2])} /> : <RoomsPage />}</RareNameFonts>;
}

// The door's pages under one route: /door (choose), /door/room/<session>/<room> (the door screen),
// /door/print/<signSheet|doorList>/<session>/<room>, /door/tickets/<session>/<room>.
import { usePath } from '../../router';
import { ChooserPage } from './ChooserPage';
import { DoorPage } from './DoorPage';
import { RareNameFonts } from './fonts';
import { PrintPage } from './PrintPage';
import { TicketsPage } from './TicketsPage';

export function DoorArea() {
  return (
    <RareNameFonts>
      <DoorRoutes />
    </RareNameFonts>
  );
}

function DoorRoutes() {
  const path = usePath();
  let m = /^\/door\/room\/(\d+)\/(\d+)$/.exec(path);
  if (m) return <DoorPage key={path} sessionId={Number(m[1])} roomId={Number(m[2])} />;
  m = /^\/door\/print\/(signSheet|doorList)\/(\d+)\/(\d+)$/.exec(path);
  if (m) return <PrintPage kind={m[1] as 'signSheet' | 'doorList'} sessionId={Number(m[2])} roomId={Number(m[3])} />;
  m = /^\/door\/tickets\/(\d+)\/(\d+)$/.exec(path);
  if (m) return <TicketsPage sessionId={Number(m[1])} roomId={Number(m[2])} />;
  return <ChooserPage />;
}

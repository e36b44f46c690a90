// The door's pages under one route: /door (choose), /door/room/<session>/<room> (the door screen),
// /door/print/<signSheet|doorList>/<session>/<room>, /door/tickets/<session>/<room>.
import { lazy, Suspense } from 'react';
import { usePath } from '../../router';
import { DoorPage } from './DoorPage';
import { RareNameFonts } from './fonts';

// the chooser (a table), the paper forms and the tickets (QR codes) are chunks of their own: a tablet
// opened straight on its door loads only the door screen
const ChooserPage = lazy(() => import('./ChooserPage').then((m) => ({ default: m.ChooserPage })));
const PrintPage = lazy(() => import('./PrintPage').then((m) => ({ default: m.PrintPage })));
const TicketsPage = lazy(() => import('./TicketsPage').then((m) => ({ default: m.TicketsPage })));

export function DoorArea() {
  return (
    <RareNameFonts>
      <Suspense fallback={null}>
        <DoorRoutes />
      </Suspense>
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

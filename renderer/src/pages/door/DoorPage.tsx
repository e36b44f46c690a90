// The proctor's door screen for one room and session (DOMAIN E3–E5): clock, counts, the scan box
// that keeps the focus (wedge scanners type and press Enter), the verdict with the registered
// photo beside the live picture, one confirm per candidate, the roster and who is still missing.
// The state lives in one reducer (screen/state.ts); what each action does in screen/useDoorActions.ts.
import { DrawNote } from './DrawNote';
import { Alert, App, Button, Card } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { useCamera } from '../../components/camera';
import { httpsHere } from '../../components/httpsHere';
import './door.css';
import { downloadSheet } from './paper';
import { CameraBar } from './screen/CameraBar';
import { DoorCounters, DoorHeader } from './screen/DoorHeader';
import { PickList } from './screen/PickList';
import { PaperButtons, RosterCard } from './screen/Roster';
import { DoorAlerts, type DoorAlarm } from './screen/DoorAlerts';
import { EntryHintLine } from './screen/EntryHintLine';
import { OverBanner } from './screen/OverBanner';
import { PendingNotice } from './screen/PendingNotice';
import { ScanBox } from './screen/ScanBox';
import { awaitsConfirm, doorReducer, initialDoorState } from './screen/state';
import type { RosterFilter, RosterRow } from './screen/types';
import { useDoorActions } from './screen/useDoorActions';
import { useVerdictPhoto } from './screen/useVerdictPhoto';
import { VerdictActions } from './screen/VerdictActions';
import { VerdictPanel } from './screen/VerdictPanel';
import { OfflineBadge } from '../../offline/OfflineBadge';
import { useDoorData } from '../../offline/useDoorData';
import { CardLine } from './cardreader/CardLine';
import { CardReaderBar } from './cardreader/CardReaderBar';
import { useDoorCard } from './cardreader/useDoorCard';

// the dialogs (forms, selects, tables) load when first opened: the door's first load stays small on a tablet
const IncidentFormModal = lazy(() => import('../incidents/IncidentForm').then((m) => ({ default: m.IncidentFormModal })));
const NoPhotoModal = lazy(() => import('./screen/modals').then((m) => ({ default: m.NoPhotoModal })));
const DoubtModal = lazy(() => import('./screen/modals').then((m) => ({ default: m.DoubtModal })));
const LateModal = lazy(() => import('./screen/modals').then((m) => ({ default: m.LateModal })));
const AbsentModal = lazy(() => import('./screen/modals').then((m) => ({ default: m.AbsentModal })));
const CloseAlertModal = lazy(() => import('./screen/modals').then((m) => ({ default: m.CloseAlertModal })));

function useCameraNote(camera: ReturnType<typeof useCamera>): string | null {
  const { t } = useI18n();
  // over http the browser gives no camera: the note names this door's https address
  const lanInfo = useQuery('system.lanInfo', {}, { skip: window.isSecureContext });
  const httpsUrl = httpsHere(lanInfo.data);
  const s = camera.state;
  if (s.kind === 'off') return t('door.camera.off');
  if (s.kind === 'insecure') return httpsUrl ? t('door.camera.insecureHttps', { url: httpsUrl }) : t('door.camera.insecure');
  if (s.kind === 'error') return t('door.camera.unavailable', { reason: s.reason });
  return null;
}

export function DoorPage({ sessionId, roomId }: { sessionId: number; roomId: number }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  // a paired device goes on from its door pack and queue when the office PC is out of reach
  const { door, photos } = useDoorData(sessionId, roomId);
  const camera = useCamera();
  const cameraNote = useCameraNote(camera);
  const scanRef = useRef<HTMLInputElement | null>(null);
  const [state, dispatch] = useReducer(doorReducer, initialDoorState);
  const { verdict, modal, error, busy } = state;
  const view = door.data;
  const reload = door.reload;

  const focusScan = useCallback(() => setTimeout(() => scanRef.current?.focus(), 0), []);
  useEffect(() => {
    if (modal === 'none') focusScan();
  }, [modal, focusScan]);
  const reloadDoor = useCallback(() => void reload(), [reload]);
  const card = useDoorCard();
  const { dismiss, lookup, submitCode, confirm, onEnter, showVerdict } = useDoorActions({ sessionId, roomId, state, dispatch, camera, reload: reloadDoor, focusScan, cardFor: card.cardFor });
  const [closing, setClosing] = useState<DoorAlarm | null>(null);
  const registeredPhoto = useVerdictPhoto(sessionId, roomId, verdict, photos.data);
  // E3: a keyboard-mode reader's line is a card read (its number judged like a scan); anything else is the scan box's
  const scanEnter = () => {
    if (!card.interceptEnter(state.code, (number) => {
      dispatch({ type: 'typed', code: '' });
      submitCode(number);
    })) onEnter();
  };
  const readCard = async (reader: { id: number; name: string }) => {
    dispatch({ type: 'error', error: null });
    try {
      const scan = await card.readVendor({ sessionId, roomId }, reader);
      if (scan.kind === 'verdict') await showVerdict(scan.verdict);
    } catch (e) {
      card.reset();
      dispatch({ type: 'lookupFailed', error: te(errorData(e)) });
    }
    focusScan();
  };
  const shownCard = card.shown(verdict);
  const setModal = (m: typeof modal) => dispatch({ type: 'modal', modal: m });

  // QR from the webcam: read frames until a code appears, then look it up like a scan
  const { qrOn } = state;
  useEffect(() => {
    if (!qrOn) return;
    const read = camera.readQr;
    const id = setInterval(() => {
      const text = read();
      if (text) {
        dispatch({ type: 'qr', on: false });
        submitCode(text);
      }
    }, 300);
    return () => clearInterval(id);
  }, [qrOn, camera.readQr, submitCode]);

  // stable callbacks: the roster is memoised, and a scan must not re-render thirty rows
  const handIn = useCallback(
    async (r: RosterRow) => {
      try {
        await call('checkin.leave', { sessionId, roomId, candidateId: r.candidateId, kind: 'hand_in' });
        void message.success(t('door.handIn.done', { name: r.name }));
        reloadDoor();
      } catch (e) {
        dispatch({ type: 'error', error: te(errorData(e)) });
      }
      focusScan();
    },
    [sessionId, roomId, message, t, te, reloadDoor, focusScan],
  );
  const onHandIn = useCallback((r: RosterRow) => void handIn(r), [handIn]);
  const onFilter = useCallback((filter: RosterFilter) => dispatch({ type: 'filter', filter }), []);
  /** doubtful and late admissions take a picture when they can, and say why when they cannot */
  const withPhotoNote = () => (camera.capture() ? {} : { noPhotoReason: t('door.noPhoto.noCamera') });

  // What a scan does not change (the header, counters, roster, paper and alarms) is built once per
  // door view: a scan re-renders the scan column only, so the verdict paints without waiting for
  // the rest of the screen (scan to verdict, 10,000 candidates: npm run bench -- door-screen).
  const openIncident = useCallback(() => dispatch({ type: 'modal', modal: 'incident' }), []);
  const openAbsent = useCallback(() => dispatch({ type: 'modal', modal: 'absent' }), []);
  const onDownload = useCallback(
    (kind: 'signSheet' | 'doorList') => void downloadSheet(sessionId, roomId, kind).catch((e: unknown) => dispatch({ type: 'error', error: te(errorData(e)) })),
    [sessionId, roomId, te],
  );
  const top = useMemo(
    () =>
      view && (
        <>
          <OfflineBadge />
          <DoorHeader view={view} onIncident={openIncident} />
          <DrawNote draw={view.draw} />
          <OverBanner view={view} />
          <DoorCounters view={view} onAbsent={openAbsent} />
        </>
      ),
    [view, openIncident, openAbsent],
  );
  const side = useMemo(
    () =>
      view && (
        <div className="door-side">
          <RosterCard view={view} photos={photos.data} filter={state.filter} onFilter={onFilter} onHandIn={onHandIn} />
          <PaperButtons sessionId={sessionId} roomId={roomId} onDownload={onDownload} />
          <DoorAlerts alerts={view.alerts} onClose={setClosing} />
        </div>
      ),
    [view, photos.data, state.filter, onFilter, onHandIn, sessionId, roomId, onDownload],
  );

  if (door.error && !view) return <Alert type="error" showIcon message={te(door.error)} action={<Button onClick={() => navigate('/door')}>{t('door.back')}</Button>} />;
  if (!view) return null;

  return (
    <div data-testid="door-screen">
      {top}
      {/* the scan column fills a portrait tablet; the roster goes beside it when there is room, else below */}
      <div className="door-main">
        <div className="door-scan">
          <Card size="small" styles={{ body: { padding: 12 } }}>
            <ScanBox
              code={state.code}
              busy={busy}
              error={error}
              modalOpen={modal !== 'none' || closing !== null}
              inputRef={scanRef}
              onChange={(code) => {
                card.observe(code);
                dispatch({ type: 'typed', code });
              }}
              onEnter={scanEnter}
              onCloseError={() => dispatch({ type: 'error', error: null })}
              focusScan={focusScan}
            />
            <EntryHintLine hint={state.hint} />
            {state.pick && <PickList pick={state.pick} onPick={(id) => void lookup({ candidateId: id, code: state.pick!.code, method: state.pick!.method === 'doc_tail' ? 'doc_tail' : 'ticket_tail' })} />}
            <VerdictPanel
              verdict={verdict}
              registeredPhoto={registeredPhoto}
              recorded={state.recorded}
              cutoff={view.entryCutoffLocal}
              video={<video ref={camera.videoRef} muted playsInline autoPlay className="door-live" data-testid="live-video" />}
              cameraNote={cameraNote}
              earlierPhoto={state.earlierPhoto}
              chipPhoto={shownCard?.chipPhoto ?? null}
            />
            {shownCard && <CardLine card={shownCard} planName={verdict?.candidate?.name ?? null} />}
            {verdict && state.held && awaitsConfirm(state) && <PendingNotice name={verdict.candidate?.name ?? ''} held={state.held} busy={busy} onConfirm={() => void confirm()} onDismiss={dismiss} />}
            {verdict && <VerdictActions verdict={verdict} busy={busy} held={!!state.held && awaitsConfirm(state)} onConfirm={() => void confirm()} onDoubt={() => setModal('doubt')} onLate={() => setModal('late')} onNext={dismiss} />}
            <CameraBar camera={camera} qrOn={qrOn} onToggleQr={() => dispatch({ type: 'qr', on: !qrOn })} />
            <CardReaderBar profileId={card.profileId} onProfile={card.setProfileId} onRead={readCard} />
          </Card>
        </div>
        {side}
      </div>

      <Suspense fallback={null}>
      {modal === 'noPhoto' && <NoPhotoModal open onCancel={() => setModal('none')} onOk={(reason) => void confirm({ noPhotoReason: reason })} />}
      {modal === 'doubt' && <DoubtModal open name={verdict?.candidate?.name ?? ''} error={modal === 'doubt' ? error : null} busy={busy} onCancel={() => setModal('none')} onOk={(v) => void confirm({ doubtful: v, ...withPhotoNote() })} />}
      {modal === 'late' && <LateModal open name={verdict?.candidate?.name ?? ''} error={modal === 'late' ? error : null} busy={busy} onCancel={() => setModal('none')} onOk={(v) => void confirm({ late: v, ...withPhotoNote() })} />}
      {modal === 'incident' && (
        <IncidentFormModal
          sessionId={sessionId}
          roomId={roomId}
          candidateId={verdict?.candidate?.id}
          onClose={() => {
            setModal('none');
            reloadDoor();
          }}
        />
      )}
      {modal === 'absent' && (
        <AbsentModal
          sessionId={sessionId}
          roomId={roomId}
          onClose={(n) => {
            setModal('none');
            if (n) void message.success(t('door.absent.done', { n }));
            reloadDoor();
          }}
        />
      )}
      {closing && (
        <CloseAlertModal
          alertId={closing.id}
          name={closing.name}
          onClose={(closed) => {
            setClosing(null);
            if (closed) void message.success(t('door.alert.closedDone'));
            reloadDoor();
            focusScan();
          }}
        />
      )}
      </Suspense>
    </div>
  );
}

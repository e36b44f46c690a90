// What the proctor's actions do: look a code up, show the verdict (recording a refusal at once,
// sounding the duplicate alarm), confirm a sign-in with the live photo, clear for the next one.
// A scan while a green verdict waits is held, not dropped: the proctor confirms or dismisses with
// one tap and the held code is looked up then (E3).
import { App } from 'antd';
import { useCallback, type Dispatch } from 'react';
import { doorCall as call } from '../../../offline/door';
import { call as consoleCall } from '../../../api/client';
import { errorData } from '../../../api/hooks';
import { useI18n } from '../../../i18n';
import type { useCamera } from '../../../components/camera';
import { alarmBeep } from './alarm';
import { awaitsConfirm, type DoorAction, type DoorState } from './state';
import { newConfirmKey, type ConfirmExtra, type Verdict } from './types';
import type { CardConfirm } from '../cardreader/useDoorCard';

interface Deps {
  sessionId: number;
  roomId: number;
  state: DoorState;
  dispatch: Dispatch<DoorAction>;
  camera: ReturnType<typeof useCamera>;
  reload: () => void;
  focusScan: () => void;
  /** the ID card read for this verdict, if any: the confirm then records it (cardreader.confirm) */
  cardFor?: (verdict: Verdict) => CardConfirm | null;
}

/** a lookup answered within this shows no spinner (most are: the console answers in milliseconds) */
const SPINNER_AFTER_MS = 150;

export type LookupInput = { code?: string; candidateId?: number; method?: 'ticket_tail' | 'doc_tail' };

export function useDoorActions({ sessionId, roomId, state, dispatch, camera, reload, focusScan, cardFor }: Deps) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const { verdict, held, confirmKey } = state;

  const showVerdict = useCallback(
    async (v: Verdict) => {
      dispatch({ type: 'verdict', verdict: v, confirmKey: newConfirmKey() });
      if (v.code === 'ok') return;
      if (v.code === 'already_here' || v.code === 'already_elsewhere') {
        alarmBeep();
        if (v.earlier?.photoId) {
          void call('checkin.photo', { photoId: v.earlier.photoId })
            .then((p) => dispatch({ type: 'earlierPhoto', dataUrl: p.dataUrl }))
            .catch(() => undefined);
        }
      }
      // every refusal is recorded at once (the console judges it again); duplicates raise an incident draft
      try {
        await call('checkin.refuse', { sessionId, roomId, code: v.scanned, candidateId: v.candidate?.id ?? null, method: v.method });
        dispatch({ type: 'recorded' });
        reload();
      } catch (e) {
        dispatch({ type: 'error', error: te(errorData(e)) });
      }
    },
    [sessionId, roomId, dispatch, reload, te],
  );

  const lookup = useCallback(
    async (input: LookupInput) => {
      // the request leaves before the screen re-renders, and the spinner shows only for an answer
      // that is slow to come: a scan answered at once paints its verdict without drawing it first
      const answer = call('checkin.scan', { sessionId, roomId, ...input });
      const spinner = setTimeout(() => dispatch({ type: 'busy', busy: true }), SPINNER_AFTER_MS);
      dispatch({ type: 'error', error: null });
      try {
        const out = await answer;
        if (out.kind === 'pick') dispatch({ type: 'pick', pick: out });
        else if (out.kind === 'hint') dispatch({ type: 'hint', hint: out.hint });
        else if (out.kind === 'over') {
          dispatch({ type: 'clear' });
          dispatch({ type: 'error', error: t('door.over.scan') });
          reload();
        } else await showVerdict(out.verdict);
      } catch (e) {
        dispatch({ type: 'lookupFailed', error: te(errorData(e)) });
      } finally {
        clearTimeout(spinner);
        dispatch({ type: 'busy', busy: false });
        focusScan();
      }
    },
    [sessionId, roomId, dispatch, showVerdict, te, t, reload, focusScan],
  );

  /** The verdict is settled (confirmed or dismissed): clear it and look up a code held meanwhile. */
  const clear = useCallback(() => {
    dispatch({ type: 'clear' });
    if (held) {
      dispatch({ type: 'held', code: null });
      void lookup({ code: held });
    }
    focusScan();
  }, [dispatch, focusScan, held, lookup]);

  /** Dismisses a green verdict without signing in (one tap), saying so. */
  const dismiss = useCallback(() => {
    if (verdict?.candidate && awaitsConfirm(state)) void message.info(t('door.pending.dismissed', { name: verdict.candidate.name }));
    clear();
  }, [verdict, state, message, t, clear]);

  const confirm = useCallback(
    async (extra: ConfirmExtra = {}) => {
      if (!verdict?.candidate) return;
      dispatch({ type: 'busy', busy: true });
      const photo = extra.noPhotoReason ? camera.capture() : await camera.captureWhenReady();
      if (!photo && !extra.noPhotoReason) {
        dispatch({ type: 'busy', busy: false });
        dispatch({ type: 'modal', modal: 'noPhoto' });
        return;
      }
      try {
        const input = {
          sessionId,
          roomId,
          candidateId: verdict.candidate.id,
          method: verdict.method,
          scanned: verdict.scanned,
          ...(photo ? { photo } : {}),
          ...(confirmKey ? { confirmKey } : {}),
          ...extra,
        };
        const card = cardFor?.(verdict) ?? null;
        // a vendor reader's card is read by the console, so its confirm goes to the console (never queued offline)
        const out = card ? await consoleCall('cardreader.confirm', { ...input, card }) : await call('checkin.confirm', input);
        const seat = verdict.here?.seat ?? '';
        const said = out.replayed ? 'door.signedInReplayed' : out.status === 'doubtful' ? 'door.signedInDoubtful' : 'door.signedIn';
        void message.success(t(said, { name: verdict.candidate.name, seat }));
        dispatch({ type: 'modal', modal: 'none' });
        clear();
        reload();
      } catch (e) {
        // a wrong PIN or a refusal stays on the open dialog; otherwise on the screen. A lost answer
        // keeps the verdict and its key: the retry is the same sign-in, never an alarm
        const data = errorData(e);
        dispatch({ type: 'error', error: data.reason === 'system.network' ? t('door.confirm.lost') : te(data) });
      } finally {
        dispatch({ type: 'busy', busy: false });
      }
    },
    [verdict, confirmKey, camera, sessionId, roomId, message, t, clear, reload, te, dispatch, cardFor],
  );

  /** A scanned or typed code: held while a green verdict waits, else looked up at once. */
  const submitCode = useCallback(
    (code: string) => {
      if (awaitsConfirm(state)) {
        dispatch({ type: 'held', code });
        return;
      }
      void lookup({ code });
    },
    [state, dispatch, lookup],
  );

  /** Enter in the scan box: look the code up, or (empty, on a green verdict) confirm. */
  const onEnter = useCallback(() => {
    const v = state.code.trim();
    if (!v) {
      if (verdict?.code === 'ok') void confirm();
      return;
    }
    dispatch({ type: 'typed', code: '' });
    submitCode(v);
  }, [state.code, verdict, confirm, dispatch, submitCode]);

  return { clear, dismiss, lookup, submitCode, confirm, onEnter, showVerdict };
}

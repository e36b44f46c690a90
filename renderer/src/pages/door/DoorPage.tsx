// The proctor's door screen for one room and session (issue 4): clock, counts, scan box that
// keeps the focus (wedge scanners type and press Enter), the verdict with the registered photo
// beside the live picture, one confirm per candidate, the roster and who is still missing.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../router';
import { NO_CAMERA, useCamera } from '../../components/camera';
import { httpsHere } from '../../components/LanAccess';
import { IncidentFormModal } from '../incidents/IncidentForm';
import { typedIdState } from './idcheck';
import './door.css';
import { downloadSheet } from './paper';

type DoorView = OutputOf<'checkin.door'>;
type ScanOut = OutputOf<'checkin.scan'>;
type Verdict = Extract<ScanOut, { kind: 'verdict' }>['verdict'];
type Pick = Extract<ScanOut, { kind: 'pick' }>;
type RosterRow = DoorView['roster'][number];

const TONE: Record<Verdict['code'], { bg: string; border: string; fg: string }> = {
  ok: { bg: '#f6ffed', border: '#52c41a', fg: '#237804' },
  entry_closed: { bg: '#fff1f0', border: '#ff4d4f', fg: '#a8071a' },
  wrong_room: { bg: '#fff7e6', border: '#fa8c16', fg: '#ad4e00' },
  wrong_session: { bg: '#fff7e6', border: '#fa8c16', fg: '#ad4e00' },
  not_in_plan: { bg: '#fff1f0', border: '#ff4d4f', fg: '#a8071a' },
  already_here: { bg: '#ff4d4f', border: '#a8071a', fg: '#ffffff' },
  already_elsewhere: { bg: '#ff4d4f', border: '#a8071a', fg: '#ffffff' },
};

const STATUS_TAG: Record<RosterRow['status'], [MessageKey, string]> = {
  missing: ['door.status.missing', 'default'],
  in: ['door.status.in', 'green'],
  doubtful: ['door.status.doubtful', 'gold'],
  absent: ['door.status.absent', 'red'],
  left: ['door.status.left', 'blue'],
};

const SUBJECT_KEY: Record<string, MessageKey> = { theory: 'door.subject.theory', skill: 'door.subject.skill', review: 'door.subject.review' };

/** A short two-tone beep for the duplicate alarm (WebAudio: no file, no CSP exception). */
function alarmBeep(): void {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    gain.gain.value = 0.2;
    osc.type = 'square';
    osc.frequency.setValueAtTime(880, ctx.currentTime);
    osc.frequency.setValueAtTime(660, ctx.currentTime + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.6);
    osc.onended = () => void ctx.close();
  } catch {
    // no audio device: the red screen still says it
  }
}

/**
 * The site's clock, ticking: the console's time at the last refresh plus what has passed here
 * since. Every refresh (5 s) sets it back to the console's time, which is the one the rules use.
 */
function SiteClock({ serverNow, zoneSample, fallback }: { serverNow: string; zoneSample: string; fallback: string }) {
  // its own component: the tick re-renders the clock, not the roster
  const text = useSiteClock(serverNow, zoneSample);
  return (
    <Typography.Text strong style={{ fontSize: 26, fontVariantNumeric: 'tabular-nums' }} data-testid="door-clock">
      {text ?? fallback}
    </Typography.Text>
  );
}

function useSiteClock(serverNow: string | null, zoneSample: string | null): string | null {
  const anchor = useRef<{ server: number; local: number } | null>(null);
  const [, setTick] = useState(0);
  useEffect(() => {
    anchor.current = serverNow ? { server: Date.parse(serverNow), local: Date.now() } : null;
  }, [serverNow]);
  useEffect(() => {
    const id = setInterval(() => setTick((x) => x + 1), 1000);
    return () => clearInterval(id);
  }, []);
  if (!anchor.current || !zoneSample) return null;
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(zoneSample);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const t = new Date(anchor.current.server + (Date.now() - anchor.current.local) + offset * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

export function DoorPage({ sessionId, roomId }: { sessionId: number; roomId: number }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const door = useQuery('checkin.door', { sessionId, roomId }, { refreshMs: 5000 });
  const photos = useQuery('checkin.registeredPhotos', { sessionId, roomId });
  const camera = useCamera();
  // over http the browser gives no camera: the note names this door's https address
  const lanInfo = useQuery('system.lanInfo', {}, { skip: window.isSecureContext });
  const httpsUrl = httpsHere(lanInfo.data);
  const scanRef = useRef<HTMLInputElement | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [pick, setPick] = useState<Pick | null>(null);
  const [recorded, setRecorded] = useState(false);
  const [modal, setModal] = useState<'none' | 'noPhoto' | 'doubt' | 'late' | 'absent' | 'incident'>('none');
  const [filter, setFilter] = useState<'all' | 'missing' | 'in'>('all');
  const [qrOn, setQrOn] = useState(false);
  const [earlierPhoto, setEarlierPhoto] = useState<string | null>(null);
  const view = door.data;

  const focusScan = useCallback(() => setTimeout(() => scanRef.current?.focus(), 0), []);
  useEffect(() => {
    if (modal === 'none') focusScan();
  }, [modal, focusScan]);

  const clear = useCallback(() => {
    setVerdict(null);
    setPick(null);
    setRecorded(false);
    setEarlierPhoto(null);
    setError(null);
    focusScan();
  }, [focusScan]);

  const showVerdict = useCallback(
    async (v: Verdict) => {
      setPick(null);
      setVerdict(v);
      setRecorded(false);
      setEarlierPhoto(null);
      if (v.code === 'ok') return;
      if (v.code === 'already_here' || v.code === 'already_elsewhere') {
        alarmBeep();
        if (v.earlier?.photoId) {
          void call('checkin.photo', { photoId: v.earlier.photoId })
            .then((p) => setEarlierPhoto(p.dataUrl))
            .catch(() => undefined);
        }
      }
      // every refusal is recorded at once (the console judges it again); duplicates raise an incident draft
      try {
        await call('checkin.refuse', { sessionId, roomId, code: v.scanned, candidateId: v.candidate?.id ?? null, method: v.method });
        setRecorded(true);
        void door.reload();
      } catch (e) {
        setError(te(errorData(e)));
      }
    },
    [sessionId, roomId, door, te],
  );

  const lookup = useCallback(
    async (input: { code?: string; candidateId?: number; method?: 'ticket_tail' | 'doc_tail' }) => {
      setBusy(true);
      setError(null);
      try {
        const out = await call('checkin.scan', { sessionId, roomId, ...input });
        if (out.kind === 'pick') {
          setVerdict(null);
          setPick(out);
        } else await showVerdict(out.verdict);
      } catch (e) {
        setVerdict(null);
        setPick(null);
        setError(te(errorData(e)));
      } finally {
        setBusy(false);
        focusScan();
      }
    },
    [sessionId, roomId, showVerdict, te, focusScan],
  );

  const confirm = useCallback(
    async (extra: { noPhotoReason?: string; doubtful?: { reason: string; secondStaffNo: string; secondPin: string }; late?: { reason: string; supervisorStaffNo?: string; supervisorPin?: string } } = {}) => {
      if (!verdict?.candidate) return;
      setBusy(true);
      const photo = extra.noPhotoReason ? camera.capture() : await camera.captureWhenReady();
      if (!photo && !extra.noPhotoReason) {
        setBusy(false);
        setModal('noPhoto');
        return;
      }
      try {
        const out = await call('checkin.confirm', {
          sessionId,
          roomId,
          candidateId: verdict.candidate.id,
          method: verdict.method,
          scanned: verdict.scanned,
          ...(photo ? { photo } : {}),
          ...extra,
        });
        const seat = verdict.here?.seat ?? '';
        void message.success(t(out.status === 'doubtful' ? 'door.signedInDoubtful' : 'door.signedIn', { name: verdict.candidate.name, seat }));
        setModal('none');
        clear();
        void door.reload();
      } catch (e) {
        const err = errorData(e);
        // a wrong PIN or a refusal stays on the open dialog; otherwise on the screen
        setError(te(err));
      } finally {
        setBusy(false);
      }
    },
    [verdict, camera, sessionId, roomId, message, t, clear, door, te],
  );

  const onEnter = () => {
    const v = code.trim();
    if (!v) {
      if (verdict?.code === 'ok') void confirm();
      return;
    }
    setCode('');
    void lookup({ code: v });
  };

  // QR from the webcam: read frames until a code appears, then look it up like a scan
  useEffect(() => {
    if (!qrOn) return;
    const read = camera.readQr;
    const id = setInterval(() => {
      const text = read();
      if (text) {
        setQrOn(false);
        void lookup({ code: text });
      }
    }, 300);
    return () => clearInterval(id);
  }, [qrOn, camera.readQr, lookup]);

  const typed = typedIdState(code);
  const idHint =
    typed.state === 'ok' ? <Typography.Text type="success">{t('door.id.ok')}</Typography.Text>
    : typed.state === 'bad' ? <Typography.Text type="danger">{t('door.id.bad')}</Typography.Text>
    : typed.state === 'badDate' ? <Typography.Text type="danger">{t('door.id.badDate')}</Typography.Text>
    : typed.state === 'typing' ? <Typography.Text type="secondary">{t('door.id.typing', { n: typed.n })}</Typography.Text>
    : null;

  const roster = useMemo(() => {
    const all = view?.roster ?? [];
    if (filter === 'missing') return all.filter((r) => r.status === 'missing');
    if (filter === 'in') return all.filter((r) => r.status !== 'missing' && r.status !== 'absent');
    return all;
  }, [view, filter]);

  if (door.error && !view) return <Alert type="error" showIcon message={te(door.error)} action={<Button onClick={() => navigate('/door')}>{t('door.back')}</Button>} />;
  if (!view) return null;

  const d = view.door;
  const counts = view.counts;
  const tile = (key: MessageKey, value: number, color: string, testId: string) => (
    <Card size="small" styles={{ body: { padding: '2px 10px' } }}>
      <Statistic title={<span style={{ fontSize: 13 }}>{t(key)}</span>} value={value} valueStyle={{ color, fontSize: 24, fontWeight: 600, lineHeight: 1.2 }} data-testid={testId} />
    </Card>
  );

  return (
    <div data-testid="door-screen">
      <Row gutter={12} align="middle" wrap={false} style={{ marginBottom: 6 }}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Space size="middle" align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="door-room">
              {d.roomCode}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {d.roomLocation}
            </Typography.Text>
            <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid="door-session">
              {d.sessionName} {view.startsLocal}–{view.endsLocal}
            </Typography.Text>
            {view.entryClosed ? <Tag color="red">{t('door.entryClosed', { time: view.entryCutoffLocal })}</Tag> : <Tag color="green">{t('door.entryUntil', { time: view.entryCutoffLocal })}</Tag>}
            <Tag>{t('door.leaveFrom', { time: view.leaveFromLocal })}</Tag>
          </Space>
        </Col>
        <Col>
          <Space>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t('door.clock')}
            </Typography.Text>
            <SiteClock serverNow={view.now} zoneSample={d.startsAt} fallback={view.nowLocal} />
            <Button danger onClick={() => setModal('incident')} data-testid="door-incident">
              {t('inc.record')}
            </Button>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/door')} title={t('door.back')} aria-label={t('door.back')} />
          </Space>
        </Col>
      </Row>
      <Row gutter={8} style={{ marginBottom: 8 }}>
        <Col span={4}>{tile('door.count.expected', counts.expected, '#262626', 'count-expected')}</Col>
        <Col span={4}>{tile('door.count.signedIn', counts.signedIn, '#237804', 'count-signedIn')}</Col>
        <Col span={4}>{tile('door.count.missing', counts.missing, '#ad6800', 'count-missing')}</Col>
        <Col span={4}>{tile('door.count.absent', counts.absent, '#a8071a', 'count-absent')}</Col>
        <Col span={4}>{tile('door.count.refused', counts.refused, '#a8071a', 'count-refused')}</Col>
        <Col span={4}>{tile('door.count.doubtful', counts.doubtful, '#ad6800', 'count-doubtful')}</Col>
      </Row>
      {view.absentToConfirm && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 6, padding: '4px 12px' }}
          message={t('door.absent.banner', { n: counts.missing })}
          action={
            <Button onClick={() => setModal('absent')} data-testid="absent-open">
              {t('door.absent.open')}
            </Button>
          }
        />
      )}
      <Row gutter={12} wrap={false}>
        <Col flex="0 0 740px">
          <Card size="small" styles={{ body: { padding: 12 } }}>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                ref={(el) => {
                  scanRef.current = el?.input ?? null;
                }}
                size="large"
                autoFocus
                value={code}
                onChange={(e) => setCode(e.target.value)}
                onPressEnter={onEnter}
                onBlur={(e) => {
                  // a wedge scanner types into whatever has the focus: give it back unless a dialog or control took it
                  const to = e.relatedTarget as HTMLElement | null;
                  if (modal === 'none' && !(to && (to.tagName === 'INPUT' || to.closest('.ant-select')))) focusScan();
                }}
                placeholder={t('door.scan.placeholder')}
                aria-label={t('door.scan.label')}
                data-testid="scan-input"
                style={{ fontSize: 20, height: 50 }}
                autoComplete="off"
              />
              <Button size="large" type="primary" loading={busy} onClick={onEnter} style={{ height: 50, minWidth: 96 }} data-testid="scan-submit">
                {t('door.scan.submit')}
              </Button>
            </Space.Compact>
            <div style={{ minHeight: 20, lineHeight: '20px', fontSize: 13 }} data-testid="id-hint">
              {idHint}
            </div>
            {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} style={{ marginBottom: 8 }} data-testid="door-error" />}
            {pick && <PickList pick={pick} onPick={(id) => void lookup({ candidateId: id, code: pick.code, method: pick.method === 'doc_tail' ? 'doc_tail' : 'ticket_tail' })} />}
            <VerdictPanel
              verdict={verdict}
              recorded={recorded}
              cutoff={view.entryCutoffLocal}
              video={<video ref={camera.videoRef} muted playsInline autoPlay style={{ width: 213, height: 160, background: '#1f1f1f', objectFit: 'cover', borderRadius: 4 }} data-testid="live-video" />}
              cameraNote={
                camera.state.kind === 'off' ? t('door.camera.off')
                : camera.state.kind === 'insecure' ? (httpsUrl ? t('door.camera.insecureHttps', { url: httpsUrl }) : t('door.camera.insecure'))
                : camera.state.kind === 'error' ? t('door.camera.unavailable', { reason: camera.state.reason })
                : null
              }
              earlierPhoto={earlierPhoto}
            />
            {verdict && (
              <Space style={{ marginTop: 10 }} wrap>
                {verdict.code === 'ok' && (
                  <>
                    <Button type="primary" size="large" style={{ height: 56, minWidth: 200, fontSize: 20, background: '#389e0d' }} loading={busy} onClick={() => void confirm()} data-testid="confirm">
                      {t('door.confirm')}
                    </Button>
                    <Button size="large" style={{ height: 56 }} onClick={() => setModal('doubt')} data-testid="doubtful">
                      {t('door.doubtful')}
                    </Button>
                  </>
                )}
                {verdict.code === 'entry_closed' && (
                  <Button size="large" danger style={{ height: 56 }} onClick={() => setModal('late')} data-testid="late-admit">
                    {t('door.lateAdmit')}
                  </Button>
                )}
                <Button size="large" style={{ height: 56 }} onClick={clear} data-testid="next">
                  {t('door.next')}
                </Button>
                {verdict.code === 'ok' && <Typography.Text type="secondary">{t('door.confirmHint')}</Typography.Text>}
              </Space>
            )}
            <Row gutter={8} align="middle" style={{ marginTop: 12 }}>
              <Col>
                <Typography.Text type="secondary">{t('door.camera.label')}</Typography.Text>
              </Col>
              <Col flex="auto">
                <Select
                  style={{ width: '100%' }}
                  value={camera.deviceId || ''}
                  onChange={(v: string) => camera.setDeviceId(v)}
                  data-testid="camera-select"
                  options={[
                    { value: '', label: t('door.camera.default') },
                    ...camera.devices.map((dv) => ({ value: dv.deviceId, label: dv.label })),
                    { value: NO_CAMERA, label: t('door.camera.none') },
                  ]}
                />
              </Col>
              <Col>
                <Button onClick={() => setQrOn((q) => !q)} disabled={camera.state.kind !== 'live'} data-testid="qr-camera">
                  {t(qrOn ? 'door.scan.qrStop' : 'door.scan.qrCamera')}
                </Button>
              </Col>
            </Row>
            {qrOn && <Typography.Text type="secondary">{t('door.scan.qrLooking')}</Typography.Text>}
          </Card>
        </Col>
        <Col flex="1 1 0" style={{ minWidth: 0 }}>
          <Card
            size="small"
            title={t('door.roster.title')}
            extra={
              <Segmented
                size="small"
                value={filter}
                onChange={(v) => setFilter(v as typeof filter)}
                options={[
                  { value: 'all', label: t('door.roster.all') },
                  { value: 'missing', label: `${t('door.roster.missing')} ${counts.missing}` },
                  { value: 'in', label: t('door.roster.in') },
                ]}
                data-testid="roster-filter"
              />
            }
            styles={{ body: { padding: 0 } }}
          >
            <Table<RosterRow>
              rowKey="candidateId"
              size="small"
              pagination={false}
              scroll={{ y: view.absentToConfirm ? 300 : 350 }}
              dataSource={roster}
              data-testid="roster"
              columns={[
                {
                  title: t('door.col.photo'),
                  width: 58,
                  render: (_: unknown, r) => {
                    const src = photos.data?.[r.candidateId];
                    return src ? <img src={src} alt={r.name} style={{ width: 36, height: 48, objectFit: 'cover', borderRadius: 2 }} /> : null;
                  },
                },
                { title: t('door.col.seat'), dataIndex: 'seat', width: 52 },
                { title: t('door.col.name'), dataIndex: 'name', render: (n: string) => <span style={{ fontSize: 15, fontWeight: 500 }}>{n}</span> },
                {
                  title: t('door.col.status'),
                  width: 104,
                  render: (_: unknown, r) => (
                    <div>
                      <Space size={2} wrap>
                        <Tag color={STATUS_TAG[r.status][1]} style={{ marginInlineEnd: 0 }}>
                          {t(STATUS_TAG[r.status][0])}
                        </Tag>
                        {r.late && <Tag color="volcano">{t('door.status.late')}</Tag>}
                        {r.checkinId && !r.photoId && <Tag>{t('door.status.noPhoto')}</Tag>}
                      </Space>
                      {r.atLocal && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{r.atLocal}</div>}
                    </div>
                  ),
                },
                {
                  title: '',
                  width: 96,
                  render: (_: unknown, r) =>
                    (r.status === 'in' || r.status === 'doubtful') && (
                      <Button
                        size="small"
                        onClick={async () => {
                          try {
                            await call('checkin.leave', { sessionId, roomId, candidateId: r.candidateId, kind: 'hand_in' });
                            void message.success(t('door.handIn.done', { name: r.name }));
                            void door.reload();
                          } catch (e) {
                            setError(te(errorData(e)));
                          }
                          focusScan();
                        }}
                        data-testid={`hand-in-${r.candidateId}`}
                      >
                        {t('door.handIn')}
                      </Button>
                    ),
                },
              ]}
            />
          </Card>
          <Space wrap size={[6, 6]} style={{ marginTop: 6 }}>
            <Button size="small" onClick={() => navigate(`/door/print/signSheet/${sessionId}/${roomId}`)} data-testid="print-sign-sheet">
              {t('door.paper.signSheet')}
            </Button>
            <Button size="small" onClick={() => void downloadSheet(sessionId, roomId, 'signSheet').catch((e: unknown) => setError(te(errorData(e))))} data-testid="xlsx-sign-sheet">
              {t('door.paper.signSheetXlsx')}
            </Button>
            <Button size="small" onClick={() => navigate(`/door/print/doorList/${sessionId}/${roomId}`)}>{t('door.paper.doorList')}</Button>
            <Button size="small" onClick={() => void downloadSheet(sessionId, roomId, 'doorList').catch((e: unknown) => setError(te(errorData(e))))}>{t('door.paper.doorListXlsx')}</Button>
            <Button size="small" onClick={() => navigate(`/door/tickets/${sessionId}/${roomId}`)} data-testid="print-tickets">
              {t('door.paper.tickets')}
            </Button>
          </Space>
          {view.alerts.length > 0 && (
            <Alert
              type="error"
              style={{ marginTop: 8 }}
              message={t('door.alerts.title')}
              data-testid="door-alerts"
              description={view.alerts.slice(0, 2).map((a) => (
                <div key={a.id}>
                  {a.atLocal} {t(`door.alert.kind.${a.kind}`)} {a.name} {a.ticketNo}
                </div>
              ))}
            />
          )}
        </Col>
      </Row>

      <NoPhotoModal open={modal === 'noPhoto'} onCancel={() => setModal('none')} onOk={(reason) => void confirm({ noPhotoReason: reason })} />
      <DoubtModal
        open={modal === 'doubt'}
        name={verdict?.candidate?.name ?? ''}
        error={modal === 'doubt' ? error : null}
        busy={busy}
        onCancel={() => setModal('none')}
        onOk={(v) => void confirm({ doubtful: v, ...(camera.capture() ? {} : { noPhotoReason: t('door.noPhoto.noCamera') }) })}
      />
      <LateModal
        open={modal === 'late'}
        name={verdict?.candidate?.name ?? ''}
        error={modal === 'late' ? error : null}
        busy={busy}
        onCancel={() => setModal('none')}
        onOk={(v) => void confirm({ late: v, ...(camera.capture() ? {} : { noPhotoReason: t('door.noPhoto.noCamera') }) })}
      />
      {modal === 'incident' && (
        <IncidentFormModal
          sessionId={sessionId}
          roomId={roomId}
          candidateId={verdict?.candidate?.id}
          onClose={() => {
            setModal('none');
            void door.reload();
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
            void door.reload();
          }}
        />
      )}
    </div>
  );
}

function PickList({ pick, onPick }: { pick: Pick; onPick: (id: number) => void }) {
  const { t } = useI18n();
  if (pick.matches.length === 0) return <Alert type="warning" message={t('door.pick.none')} />;
  return (
    <Card size="small" title={t('door.pick.title', { n: pick.matches.length })} data-testid="pick-list" style={{ marginBottom: 8 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {pick.matches.map((m) => (
          <Button key={m.candidateId} block size="large" style={{ height: 52, textAlign: 'left', justifyContent: 'flex-start' }} onClick={() => onPick(m.candidateId)} data-testid={`pick-${m.candidateId}`}>
            <Space size="large">
              <Typography.Text strong style={{ fontSize: 18 }}>
                {m.name}
              </Typography.Text>
              <span>{m.gender}</span>
              <span>{m.ticketNo}</span>
              <span>{m.docMasked}</span>
              <Tag color={m.expectedHere ? 'green' : 'default'}>{t(m.expectedHere ? 'door.pick.here' : 'door.pick.elsewhere')}</Tag>
              {m.seat && <span>{t('door.field.seat')} {m.seat}</span>}
            </Space>
          </Button>
        ))}
      </Space>
    </Card>
  );
}

function VerdictPanel({ verdict, recorded, cutoff, video, cameraNote, earlierPhoto }: { verdict: Verdict | null; recorded: boolean; cutoff: string; video: ReactNode; cameraNote: string | null; earlierPhoto: string | null }) {
  const { t } = useI18n();
  const c = verdict?.candidate ?? null;
  const tone = verdict ? TONE[verdict.code] : null;
  let title = '';
  let detail = '';
  if (verdict) {
    const g = verdict.goTo[0];
    switch (verdict.code) {
      case 'ok':
        title = t('door.verdict.ok');
        break;
      case 'entry_closed':
        title = t('door.verdict.entry_closed');
        detail = t('door.verdict.entry_closed.detail', { time: cutoff });
        break;
      case 'wrong_room':
        title = t('door.verdict.wrong_room', { room: g?.roomCode ?? '' });
        detail = t('door.verdict.wrong_room.detail', { session: g?.sessionName ?? '', location: g?.location ?? '', seat: g?.seat ?? '' });
        break;
      case 'wrong_session':
        title = t('door.verdict.wrong_session');
        detail = verdict.goTo.length
          ? t('door.verdict.wrong_session.detail', { list: verdict.goTo.map((x) => `${x.sessionName} ${x.roomCode ?? ''} ${x.location ?? ''}`).join('；') })
          : t('door.verdict.wrong_session.none');
        break;
      case 'not_in_plan':
        title = t('door.verdict.not_in_plan');
        detail = t('door.verdict.not_in_plan.detail', { code: verdict.scanned });
        break;
      case 'already_here':
      case 'already_elsewhere':
        title = t(verdict.code === 'already_here' ? 'door.verdict.already_here' : 'door.verdict.already_elsewhere', { at: verdict.earlier?.atLocal ?? '', room: verdict.earlier?.roomCode ?? '' });
        detail = t('door.verdict.already.detail', { proctor: verdict.earlier?.proctorName ?? '' });
        break;
    }
  }
  const photoBox = (src: string | null | undefined, label: string, testId: string) => (
    <div style={{ width: 120, textAlign: 'center' }}>
      {src ? (
        <img src={src} alt={label} style={{ display: 'block', width: 120, height: 160, objectFit: 'cover', border: '1px solid #d9d9d9', borderRadius: 4 }} data-testid={testId} />
      ) : (
        <div style={{ width: 120, height: 160, border: '1px dashed #d9d9d9', borderRadius: 4, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#999' }} data-testid={`${testId}-none`}>
          {t(verdict ? 'door.photo.none' : 'door.photo.waiting')}
        </div>
      )}
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Typography.Text>
    </div>
  );
  return (
    <div data-testid="verdict" data-verdict={verdict?.code ?? ''}>
      {verdict && tone && (
        <div
          className={verdict.code.startsWith('already') ? 'door-alarm' : undefined}
          style={{ background: tone.bg, border: `3px solid ${tone.border}`, color: tone.fg, borderRadius: 6, padding: '6px 14px', marginBottom: 8 }}
          data-testid="verdict-banner"
        >
          <div style={{ fontSize: 24, fontWeight: 700, lineHeight: 1.3 }}>{title}</div>
          {detail && <div style={{ fontSize: 16 }}>{detail}</div>}
          {recorded && <div style={{ fontSize: 13, opacity: 0.85 }}>{t('door.verdict.recorded')}</div>}
        </div>
      )}
      <Row gutter={12} wrap={false}>
        <Col>{photoBox(c?.photo, t('door.photo.registered'), 'registered-photo')}</Col>
        <Col>
          <div style={{ textAlign: 'center' }}>
            {video}
            <div>
              <Typography.Text type="secondary">{t('door.photo.live')}</Typography.Text>
            </div>
            {cameraNote && (
              <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="camera-note">
                {cameraNote}
              </Typography.Text>
            )}
          </div>
        </Col>
        {earlierPhoto && <Col>{photoBox(earlierPhoto, t('door.photo.earlier'), 'earlier-photo')}</Col>}
        <Col flex="auto" style={{ minWidth: 0 }}>
          {c && (
            <div style={{ fontSize: 15, lineHeight: 1.55 }} data-testid="verdict-details">
              <div style={{ fontSize: 28, fontWeight: 700, lineHeight: 1.2 }} data-testid="verdict-name">
                {c.name}
              </div>
              <div>
                {t('door.field.gender')}：{c.gender}
              </div>
              <div>
                {t('door.field.ticket')}：{c.ticketNo}
              </div>
              <div style={{ whiteSpace: 'nowrap' }}>
                {t('door.field.doc')}：{c.docMasked}
              </div>
              {verdict?.here && (
                <div style={{ fontSize: 22, fontWeight: 700 }} data-testid="verdict-seat">
                  {t('door.field.seat')}：{verdict.here.seat}
                </div>
              )}
              {verdict?.here && (
                <div>
                  {t('door.field.subject')}：{t(SUBJECT_KEY[verdict.here.subjectKind] ?? 'door.subject.theory')}
                </div>
              )}
              <div>
                {c.occupation} · {t('door.level', { level: c.level })}
              </div>
            </div>
          )}
        </Col>
      </Row>
    </div>
  );
}

function NoPhotoModal({ open, onCancel, onOk }: { open: boolean; onCancel: () => void; onOk: (reason: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string; other?: string }>();
  const reasons = [t('door.noPhoto.noCamera'), t('door.noPhoto.broken'), t('door.noPhoto.other')];
  return (
    <Modal open={open} title={t('door.noPhoto.title')} onCancel={onCancel} onOk={() => form.submit()} okText={t('door.confirm')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ reason: reasons[0] }} onFinish={(v) => onOk(v.reason === t('door.noPhoto.other') && v.other ? v.other : v.reason)}>
        <Form.Item name="reason" label={t('door.noPhoto.reason')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={reasons.map((r) => ({ value: r, label: r }))} data-testid="no-photo-reason" />
        </Form.Item>
        <Form.Item name="other">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DoubtModal({ open, name, error, busy, onCancel, onOk }: { open: boolean; name: string; error: string | null; busy: boolean; onCancel: () => void; onOk: (v: { reason: string; secondStaffNo: string; secondPin: string }) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string; secondStaffNo: string; secondPin: string }>();
  const reasons = (['door.doubt.r.face', 'door.doubt.r.doc', 'door.doubt.r.info', 'door.doubt.r.noDoc'] as const).map((k) => t(k));
  return (
    <Modal open={open} title={t('door.doubt.title', { name })} onCancel={onCancel} onOk={() => form.submit()} okText={t('door.doubt.submit')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden okButtonProps={{ size: 'large' }}>
      <Typography.Paragraph type="secondary">{t('door.doubt.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="doubt-error" />}
      <Form form={form} layout="vertical" initialValues={{ reason: reasons[0] }} onFinish={onOk}>
        <Form.Item name="reason" label={t('door.doubt.reason')} rules={[{ required: true, message: t('form.required') }]}>
          <Select size="large" options={reasons.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
        <Form.Item name="secondStaffNo" label={t('door.doubt.secondNo')} rules={[{ required: true, message: t('form.required') }]}>
          <Input size="large" autoComplete="off" />
        </Form.Item>
        <Form.Item name="secondPin" label={t('door.doubt.secondPin')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password size="large" inputMode="numeric" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LateModal({ open, name, error, busy, onCancel, onOk }: { open: boolean; name: string; error: string | null; busy: boolean; onCancel: () => void; onOk: (v: { reason: string; supervisorStaffNo: string; supervisorPin: string }) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string; supervisorStaffNo: string; supervisorPin: string }>();
  return (
    <Modal open={open} title={t('door.late.title', { name })} onCancel={onCancel} onOk={() => form.submit()} okText={t('door.late.submit')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden okButtonProps={{ size: 'large', danger: true }}>
      <Typography.Paragraph type="secondary">{t('door.late.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="late-error" />}
      <Form form={form} layout="vertical" onFinish={onOk}>
        <Form.Item name="reason" label={t('door.late.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input size="large" />
        </Form.Item>
        <Form.Item name="supervisorStaffNo" label={t('door.late.supervisorNo')} rules={[{ required: true, message: t('form.required') }]}>
          <Input size="large" autoComplete="off" />
        </Form.Item>
        <Form.Item name="supervisorPin" label={t('door.late.supervisorPin')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password size="large" inputMode="numeric" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AbsentModal({ sessionId, roomId, onClose }: { sessionId: number; roomId: number; onClose: (marked: number) => void }) {
  const { t, te } = useI18n();
  const missing = useQuery('checkin.missing', { sessionId, roomId });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = missing.data ?? [];
  const submit = async () => {
    setBusy(true);
    try {
      const out = await call('checkin.markAbsent', { sessionId, roomId, candidateIds: list.map((m) => m.candidateId) });
      onClose(out.marked);
    } catch (e) {
      setError(te(errorData(e)));
      void missing.reload();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('door.absent.title', { n: list.length })} onCancel={() => onClose(0)} onOk={() => void submit()} okText={t('door.absent.submit')} cancelText={t('common.cancel')} confirmLoading={busy} okButtonProps={{ size: 'large', disabled: list.length === 0, danger: true }} width={640}>
      <Typography.Paragraph>{t('door.absent.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="candidateId"
        size="small"
        pagination={false}
        dataSource={list}
        data-testid="absent-list"
        columns={[
          { title: t('door.col.seat'), dataIndex: 'seat', width: 60 },
          { title: t('door.col.name'), dataIndex: 'name' },
          { title: t('door.col.ticket'), dataIndex: 'ticketNo' },
          { title: t('door.col.doc'), dataIndex: 'docMasked' },
        ]}
      />
    </Modal>
  );
}

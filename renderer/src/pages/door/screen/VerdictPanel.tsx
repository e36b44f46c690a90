// The verdict: a banner in the verdict's colour with where to go, the registered photo beside
// the live picture (and the earlier sign-in's photo on a duplicate), and the candidate's details.
import { Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../../i18n';
import type { Verdict } from './types';

const TONE: Record<Verdict['code'], { bg: string; border: string; fg: string }> = {
  ok: { bg: '#f6ffed', border: '#52c41a', fg: '#237804' },
  entry_closed: { bg: '#fff1f0', border: '#ff4d4f', fg: '#a8071a' },
  wrong_room: { bg: '#fff7e6', border: '#fa8c16', fg: '#ad4e00' },
  wrong_session: { bg: '#fff7e6', border: '#fa8c16', fg: '#ad4e00' },
  not_in_plan: { bg: '#fff1f0', border: '#ff4d4f', fg: '#a8071a' },
  already_here: { bg: '#ff4d4f', border: '#a8071a', fg: '#ffffff' },
  already_elsewhere: { bg: '#ff4d4f', border: '#a8071a', fg: '#ffffff' },
};

const SUBJECT_KEY: Record<string, MessageKey> = { theory: 'door.subject.theory', skill: 'door.subject.skill', review: 'door.subject.review' };

type T = ReturnType<typeof useI18n>['t'];

/** The banner's title and detail line for a verdict, in the UI's language. */
export function verdictText(t: T, verdict: Verdict, cutoff: string): { title: string; detail: string } {
  const g = verdict.goTo[0];
  switch (verdict.code) {
    case 'ok':
      return { title: t('door.verdict.ok'), detail: '' };
    case 'entry_closed':
      return { title: t('door.verdict.entry_closed'), detail: t('door.verdict.entry_closed.detail', { time: cutoff }) };
    case 'wrong_room':
      return {
        title: t('door.verdict.wrong_room', { room: g?.roomCode ?? '' }),
        detail: t('door.verdict.wrong_room.detail', { session: g?.sessionName ?? '', location: g?.location ?? '', seat: g?.seat ?? '' }),
      };
    case 'wrong_session':
      return {
        title: t('door.verdict.wrong_session'),
        detail: verdict.goTo.length
          ? t('door.verdict.wrong_session.detail', { list: verdict.goTo.map((x) => `${x.sessionName} ${x.roomCode ?? ''} ${x.location ?? ''}`).join('；') })
          : t('door.verdict.wrong_session.none'),
      };
    case 'not_in_plan':
      return { title: t('door.verdict.not_in_plan'), detail: t('door.verdict.not_in_plan.detail', { code: verdict.scanned }) };
    case 'already_here':
    case 'already_elsewhere':
      return {
        title: t(verdict.code === 'already_here' ? 'door.verdict.already_here' : 'door.verdict.already_elsewhere', { at: verdict.earlier?.atLocal ?? '', room: verdict.earlier?.roomCode ?? '' }),
        detail: t('door.verdict.already.detail', { proctor: verdict.earlier?.proctorName ?? '' }),
      };
  }
}

function PhotoBox({ src, label, testId, waiting }: { src: string | null | undefined; label: string; testId: string; waiting: boolean }) {
  const { t } = useI18n();
  return (
    <div className="door-photo" style={{ textAlign: 'center' }}>
      {src ? (
        <img src={src} alt={label} style={{ border: '1px solid #d9d9d9' }} data-testid={testId} />
      ) : (
        <div style={{ border: '1px dashed #d9d9d9', display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#999' }} data-testid={`${testId}-none`}>
          {t(waiting ? 'door.photo.waiting' : 'door.photo.none')}
        </div>
      )}
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Typography.Text>
    </div>
  );
}

function CandidateDetails({ verdict }: { verdict: Verdict }) {
  const { t } = useI18n();
  const c = verdict.candidate;
  if (!c) return null;
  return (
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
      <div style={{ overflowWrap: 'anywhere' }}>
        {t('door.field.doc')}：{c.docMasked}
      </div>
      {verdict.here && (
        <div style={{ fontSize: 22, fontWeight: 700 }} data-testid="verdict-seat">
          {t('door.field.seat')}：{verdict.here.seat}
        </div>
      )}
      {verdict.here && (
        <div>
          {t('door.field.subject')}：{t(SUBJECT_KEY[verdict.here.subjectKind] ?? 'door.subject.theory')}
        </div>
      )}
      <div>
        {c.occupation} · {t('door.level', { level: c.level })}
      </div>
    </div>
  );
}

export function VerdictPanel({
  verdict,
  registeredPhoto,
  recorded,
  cutoff,
  video,
  cameraNote,
  earlierPhoto,
  chipPhoto = null,
}: {
  verdict: Verdict | null;
  registeredPhoto: string | null;
  recorded: boolean;
  cutoff: string;
  video: ReactNode;
  cameraNote: string | null;
  earlierPhoto: string | null;
  /** the photo an ID-card reader's software decoded from the chip (E3), beside the registered one */
  chipPhoto?: string | null;
}) {
  const { t } = useI18n();
  const tone = verdict ? TONE[verdict.code] : null;
  const text = verdict ? verdictText(t, verdict, cutoff) : null;
  return (
    <div data-testid="verdict" data-verdict={verdict?.code ?? ''}>
      {verdict && tone && text && (
        <div
          className={verdict.code.startsWith('already') ? 'door-alarm' : undefined}
          style={{ background: tone.bg, border: `3px solid ${tone.border}`, color: tone.fg, borderRadius: 6, padding: '6px 14px', marginBottom: 8 }}
          data-testid="verdict-banner"
        >
          <div style={{ fontSize: 24, fontWeight: 700, lineHeight: 1.3 }}>{text.title}</div>
          {text.detail && <div style={{ fontSize: 16 }}>{text.detail}</div>}
          {recorded && <div style={{ fontSize: 13, opacity: 0.85 }}>{t('door.verdict.recorded')}</div>}
        </div>
      )}
      <Row gutter={[12, 8]}>
        <Col>
          <PhotoBox src={verdict ? registeredPhoto : null} label={t('door.photo.registered')} testId="registered-photo" waiting={!verdict} />
        </Col>
        {chipPhoto && (
          <Col>
            <PhotoBox src={chipPhoto} label={t('door.card.chipPhoto')} testId="chip-photo" waiting={false} />
          </Col>
        )}
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
        {earlierPhoto && (
          <Col>
            <PhotoBox src={earlierPhoto} label={t('door.photo.earlier')} testId="earlier-photo" waiting={!verdict} />
          </Col>
        )}
        <Col flex="1 1 220px" style={{ minWidth: 0 }}>
          {verdict && <CandidateDetails verdict={verdict} />}
        </Col>
      </Row>
    </div>
  );
}

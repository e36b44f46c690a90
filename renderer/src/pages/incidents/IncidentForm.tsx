// The incident form (E6): a few taps from the door screen or the room view. Candidate or staff
// member, kind from the catalogue, the clock's time (editable with a reason), what happened,
// photos from the camera (the door's camera hook), witnesses; the second proctor signs with PIN.
import { CameraOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Modal, Radio, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useCamera, type Capture } from '../../components/camera';
import { FormError, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { isoAt } from './time';

type Room = OutputOf<'incidents.room'>;

export function IncidentFormModal({ sessionId, roomId, candidateId, onClose }: { sessionId: number; roomId: number; candidateId?: number | undefined; onClose: (saved: number | null) => void }) {
  const room = useQuery('incidents.room', { sessionId, roomId });
  if (!room.data) return null;
  return <IncidentForm room={room.data} candidateId={candidateId} onClose={onClose} />;
}

function IncidentForm({ room, candidateId, onClose }: { room: Room; candidateId?: number | undefined; onClose: (saved: number | null) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { session } = useSession();
  // the form's fields by the command's keys; the service's coded refusals under the field they concern
  const fe = useFormErrors(
    { subject: 'inc.form.who', kind: 'inc.form.kind', time: 'inc.form.time', description: 'inc.form.description', witnesses: 'inc.form.witnesses', second: 'inc.form.second' },
    {
      'incidents.pickCandidate': 'subject',
      'incidents.pickStaff': 'subject',
      'incidents.candidateNotHere': 'subject',
      'incidents.noSuchStaff': 'subject',
      'incidents.kindNotInCatalogue': 'kind',
      'incidents.timeEditNoReason': 'time',
      'incidents.timeFuture': 'time',
      'incidents.timeInvalid': 'time',
      'incidents.signerNotDrawn': 'second',
      PIN_WRONG: 'second',
      PIN_LOCKED: 'second',
    },
    { candidateId: 'subject', staffId: 'subject', subjectType: 'subject', occurredAt: 'time', timeEditReason: 'time', 'second.staffNo': 'second', 'second.pin': 'second', photos: 'photos' },
  );
  const catalogue = useQuery('incidents.catalogue', {});
  const camera = useCamera();
  const [who, setWho] = useState<'candidate' | 'staff'>('candidate');
  const [cand, setCand] = useState<number | undefined>(candidateId);
  const [staffId, setStaffId] = useState<number | undefined>();
  const [kind, setKind] = useState<string>('');
  const [editTime, setEditTime] = useState(false);
  const [time, setTime] = useState(room.nowLocal.slice(0, 5));
  const [timeReason, setTimeReason] = useState('');
  const [description, setDescription] = useState('');
  const [witnesses, setWitnesses] = useState('');
  const [photos, setPhotos] = useState<Capture[]>([]);
  const [secondNo, setSecondNo] = useState<string | undefined>(() => room.proctors.find((p) => p.staffId !== session.actor.staffId)?.staffNo);
  const [pin, setPin] = useState('');

  const kinds = catalogue.data ? (who === 'candidate' ? catalogue.data.candidateKinds : catalogue.data.staffKinds) : [];
  const ready = (who === 'candidate' ? !!cand : !!staffId) && kind !== '' && description.trim() !== '' && (!editTime || timeReason.trim() !== '');
  const submit = async () => {
    const r = await fe.run(() =>
      call('incidents.record', {
        sessionId: room.sessionId,
        roomId: room.roomId,
        subjectType: who,
        ...(who === 'candidate' ? (cand ? { candidateId: cand } : {}) : staffId ? { staffId } : {}),
        kind,
        ...(editTime ? { occurredAt: isoAt(room.startsAt, time), timeEditReason: timeReason } : {}),
        description,
        witnesses,
        photos: photos.map((p) => ({ jpegBase64: p.jpegBase64, width: p.width, height: p.height })),
        ...(pin && secondNo ? { second: { staffNo: secondNo, pin } } : {}),
      }),
    );
    if (!r.ok) return;
    void message.success(t('inc.form.saved', { id: r.value.incidentId }));
    onClose(r.value.incidentId);
  };
  const take = () => {
    const shot = camera.capture();
    if (shot) setPhotos((p) => [...p, shot].slice(0, 6));
  };

  return (
    <Modal
      open
      width={980}
      style={{ top: 8 }}
      // the footer (submit) stays on a 1366×768 screen; the body scrolls
      styles={{ body: { maxHeight: 'calc(100vh - 140px)', overflowY: 'auto' } }}
      title={t('inc.form.title', { room: room.roomCode, session: room.sessionName })}
      onCancel={() => onClose(null)}
      footer={[
        <Button key="cancel" size="large" onClick={() => onClose(null)}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" size="large" type="primary" loading={fe.busy} disabled={!ready} onClick={() => void submit()} data-testid="incident-submit">
          {t('inc.form.submit')}
        </Button>,
      ]}
    >
      <div data-testid="incident-form" style={{ display: 'flex', gap: 16 }}>
        <div style={{ flex: '1 1 auto', minWidth: 0 }}>
          <Form layout="vertical" size="large" requiredMark={false}>
            <Form.Item {...fe.item('subject')} style={{ marginBottom: 8 }}>
              <Space wrap>
                <Segmented
                  value={who}
                  onChange={(v) => {
                    setWho(v as 'candidate' | 'staff');
                    setKind('');
                  }}
                  options={[
                    { value: 'candidate', label: t('inc.form.candidate') },
                    { value: 'staff', label: t('inc.form.staff') },
                  ]}
                  data-testid="incident-who"
                />
                {who === 'candidate' ? (
                  <Select
                    showSearch
                    style={{ width: 420 }}
                    value={cand}
                    onChange={setCand}
                    placeholder={t('inc.form.pickCandidate')}
                    optionFilterProp="label"
                    options={room.candidates.map((c) => ({ value: c.id, label: `${c.seat ?? ''} ${c.name} ${c.ticketNo}` }))}
                    data-testid="incident-candidate"
                  />
                ) : (
                  <Select
                    showSearch
                    style={{ width: 420 }}
                    value={staffId}
                    onChange={setStaffId}
                    placeholder={t('inc.form.pickStaff')}
                    optionFilterProp="label"
                    options={room.staff.map((s) => ({ value: s.id, label: `${s.staffNo} ${s.name}` }))}
                    data-testid="incident-staff"
                  />
                )}
              </Space>
            </Form.Item>
            <Form.Item {...fe.item('kind')} style={{ marginBottom: 8 }}>
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as string)} optionType="button" buttonStyle="solid" data-testid="incident-kind">
                {kinds.map((code) => (
                  <Radio.Button key={code} value={code} style={{ marginBottom: 6 }} data-testid={`kind-${code}`}>
                    {t(`inc.kind.${code}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item {...fe.item('time')} style={{ marginBottom: 8 }}>
              <Space wrap>
                <Typography.Text data-testid="incident-clock">{t('inc.form.timeNow', { time: room.nowLocal })}</Typography.Text>
                <Checkbox checked={editTime} onChange={(e) => setEditTime(e.target.checked)} data-testid="incident-edit-time">
                  {t('inc.form.editTime')}
                </Checkbox>
                {editTime && <Input type="time" value={time} onChange={(e) => setTime(e.target.value)} style={{ width: 130 }} aria-label={t('inc.form.time')} data-testid="incident-time" />}
                {editTime && <Input value={timeReason} onChange={(e) => setTimeReason(e.target.value)} placeholder={t('inc.form.timeReason')} style={{ width: 240 }} data-testid="incident-time-reason" />}
              </Space>
            </Form.Item>
            <Form.Item {...fe.item('description')} style={{ marginBottom: 8 }}>
              <Input.TextArea rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="incident-description" />
            </Form.Item>
            <Form.Item {...fe.item('witnesses')} style={{ marginBottom: 8 }}>
              <Input maxLength={500} value={witnesses} onChange={(e) => setWitnesses(e.target.value)} data-testid="incident-witnesses" />
            </Form.Item>
            <Form.Item {...fe.item('second')} extra={t('inc.form.secondLater')} style={{ marginBottom: 0 }}>
              <Space wrap>
                <Select
                  style={{ width: 240 }}
                  value={secondNo}
                  onChange={setSecondNo}
                  placeholder={t('inc.form.secondPick')}
                  options={room.proctors.filter((p) => p.staffId !== session.actor.staffId).map((p) => ({ value: p.staffNo, label: `${p.staffNo} ${p.name}` }))}
                  data-testid="incident-second"
                />
                <Input.Password value={pin} onChange={(e) => setPin(e.target.value)} placeholder={t('inc.form.secondPin')} style={{ width: 200 }} autoComplete="off" data-testid="incident-second-pin" />
              </Space>
            </Form.Item>
          </Form>
          <FormError text={fe.general} testId="incident-error" />
        </div>
        <div style={{ flex: '0 0 260px' }}>
          <Typography.Text strong>{t('inc.form.photos')}</Typography.Text>
          <video ref={camera.videoRef} muted playsInline autoPlay style={{ width: 256, height: 192, background: '#1f1f1f', objectFit: 'cover', borderRadius: 4, marginTop: 6 }} data-testid="incident-video" />
          {camera.state.kind === 'error' && <Typography.Text type="warning">{t('inc.form.noCamera', { reason: camera.state.reason })}</Typography.Text>}
          <Button block size="large" icon={<CameraOutlined />} onClick={take} disabled={camera.state.kind !== 'live'} style={{ margin: '6px 0' }} data-testid="incident-take-photo">
            {t('inc.form.takePhoto')}
          </Button>
          <Space wrap data-testid="incident-photos">
            {photos.map((p, i) => (
              <div key={i} style={{ textAlign: 'center' }}>
                <img src={`data:image/jpeg;base64,${p.jpegBase64}`} alt={String(i + 1)} style={{ width: 78, height: 58, objectFit: 'cover', display: 'block' }} />
                <Button size="small" type="link" onClick={() => setPhotos((all) => all.filter((_, j) => j !== i))}>
                  {t('inc.form.removePhoto')}
                </Button>
              </div>
            ))}
          </Space>
        </div>
      </div>
    </Modal>
  );
}

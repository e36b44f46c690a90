// The site head's door devices: pair a new one (a one-time QR with the https address and the site
// CA's fingerprint, valid five minutes), see each device's room, last contact, queue and clock
// offset, revoke one (its next call is refused) and review what a revoked device still sent.
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { FormError, useFilled, useFormErrors } from '../../components/useFormErrors';

type Device = OutputOf<'devices.list'>[number];
type Pairing = OutputOf<'devices.pairingStart'> & { url: string; qr: string };

function hm(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The address a tablet opens: this page's https origin, else the LAN's https address. */
function pairingBase(lan: OutputOf<'system.lanInfo'> | null): string {
  if (window.location.protocol === 'https:') return window.location.origin;
  const https = lan?.serving ? lan.addresses.find((a) => a.https)?.https : null;
  return https ?? window.location.origin;
}

function HeldList({ device }: { device: Device }) {
  const { t } = useI18n();
  const held = useQuery('devices.held', { deviceId: device.id });
  return (
    <Table
      size="small"
      rowKey="eventId"
      pagination={false}
      data-testid={`held-${device.uid}`}
      title={() => t('devices.held.title', { name: device.name })}
      dataSource={held.data ?? []}
      columns={[
        { title: t('devices.held.col.kind'), dataIndex: 'kind', render: (k: 'confirm' | 'refuse') => t(`devices.held.kind.${k}`) },
        { title: t('devices.held.col.candidate'), render: (_: unknown, r) => `${r.name ?? ''} ${r.ticketNo ?? ''}` },
        { title: t('devices.col.room'), dataIndex: 'roomCode' },
        { title: t('devices.held.col.deviceAt'), dataIndex: 'judgedAt', render: (v: string) => hm(v) },
        { title: t('devices.held.col.photo'), dataIndex: 'withPhoto', render: (v: boolean) => (v ? '✓' : '') },
      ]}
    />
  );
}

export function DevicesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useQuery('devices.list', {}, { refreshMs: 5000 });
  const lan = useQuery('system.lanInfo', {});
  const doors = useQuery('checkin.doors', {});
  const [pairOpen, setPairOpen] = useState(false);
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [form] = Form.useForm<{ name: string; roomId?: number }>();
  const [revokeForm] = Form.useForm<{ reason: string }>();
  const pairErrors = useFormErrors({ name: 'devices.name', roomId: 'devices.room' }, { 'devices.noSuchRoom': 'roomId' });
  const revokeErrors = useFormErrors({ reason: 'devices.revoke.reason' });
  const pairReady = useFilled(form, ['name']);
  const revokeReady = useFilled(revokeForm, ['reason']);

  const rooms = [...new Map((doors.data ?? []).map((d) => [d.roomId, d.roomCode])).entries()].map(([value, label]) => ({ value, label }));

  useEffect(() => {
    if (!pairing) return;
    // the code lapses after five minutes (the console's clock; this PC's may differ): the QR goes with it
    const id = setTimeout(() => setPairing(null), pairing.ttlMs);
    return () => clearTimeout(id);
  }, [pairing]);

  const startPairing = async () => {
    const v = await form.validateFields();
    const r = await pairErrors.run(async () => {
      const out = await call('devices.pairingStart', { name: v.name, ...(v.roomId ? { roomId: v.roomId } : {}) });
      const url = `${pairingBase(lan.data)}/#/pair?code=${out.code}${out.fingerprint ? `&fp=${out.fingerprint}` : ''}`;
      const qr = await QRCode.toDataURL(url, { margin: 2, width: 320, errorCorrectionLevel: 'M' });
      return { ...out, url, qr };
    });
    if (!r.ok) return;
    setPairing(r.value);
    setPairOpen(false);
    form.resetFields();
  };

  const revoke = async () => {
    if (!revoking) return;
    const v = await revokeForm.validateFields();
    const r = await revokeErrors.run(() => call('devices.revoke', { deviceId: revoking.id, reason: v.reason }));
    if (!r.ok) return;
    void message.success(t('devices.revoke.done', { name: revoking.name }));
    setRevoking(null);
    revokeForm.resetFields();
    void list.reload();
  };

  const grouped = (fp: string) => fp.match(/.{2}/g)?.join(':') ?? fp;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="devices-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('devices.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('devices.intro')}</Typography.Paragraph>
      <Button type="primary" onClick={() => setPairOpen(true)} data-testid="devices-pair">
        {t('devices.pair')}
      </Button>
      {pairing && (
        <Card title={t('devices.qr.title')} data-testid="pairing-card" style={{ maxWidth: 420 }}>
          <img src={pairing.qr} alt={pairing.url} width={320} height={320} data-testid="pairing-qr" />
          <Typography.Paragraph>{t('devices.qr.expires', { time: hm(pairing.expiresAt) })}</Typography.Paragraph>
          {pairing.fingerprint && (
            <Typography.Paragraph>
              {t('devices.qr.fingerprint')}: <Typography.Text code style={{ wordBreak: 'break-all' }}>{grouped(pairing.fingerprint)}</Typography.Text>
            </Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary">
            {t('devices.qr.link')}: <Typography.Text copyable style={{ wordBreak: 'break-all' }} data-testid="pairing-url">{pairing.url}</Typography.Text>
          </Typography.Paragraph>
        </Card>
      )}
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('devices.none') }}
        data-testid="devices-table"
        scroll={{ x: 'max-content' }}
        expandable={{ rowExpandable: (d) => d.held > 0, expandedRowRender: (d) => <HeldList device={d} /> }}
        onRow={(d) => ({ 'data-testid': `device-${d.uid}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('devices.col.name'), dataIndex: 'name' },
          { title: t('devices.col.room'), dataIndex: 'roomCode' },
          { title: t('devices.col.lastSeen'), dataIndex: 'lastSeenAt', render: (v: string | null) => (v ? hm(v) : t('devices.never')) },
          { title: t('devices.col.queued'), dataIndex: 'queued', render: (v: number) => <span data-testid="device-queued">{v}</span> },
          { title: t('devices.col.synced'), render: (_: unknown, d) => d.applied + d.alarms + d.refused },
          { title: t('devices.col.offset'), render: (_: unknown, d) => `${Math.round((d.lastOffsetMs ?? d.pairOffsetMs) / 1000)} s` },
          {
            title: t('devices.col.state'),
            render: (_: unknown, d) =>
              d.revokedAt ? (
                <Space>
                  <Tag color="red" data-testid="device-state">{t('devices.state.revoked')}</Tag>
                  {d.held > 0 && <Tag color="gold" data-testid="device-held">{t('devices.held', { n: d.held })}</Tag>}
                </Space>
              ) : (
                <Tag color="green" data-testid="device-state">{t('devices.state.active')}</Tag>
              ),
          },
          {
            title: '',
            render: (_: unknown, d) =>
              d.revokedAt ? null : (
                <Button danger size="small" onClick={() => setRevoking(d)} data-testid="device-revoke">
                  {t('devices.revoke')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={pairOpen}
        title={t('devices.pair')}
        onCancel={() => {
          setPairOpen(false);
          pairErrors.clear();
        }}
        onOk={() => void startPairing()}
        confirmLoading={pairErrors.busy}
        okButtonProps={{ disabled: !pairReady, 'data-testid': 'pair-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onValuesChange={(ch: object) => pairErrors.touched(Object.keys(ch))}>
          <Form.Item name="name" {...pairErrors.item('name')} rules={[{ required: true, whitespace: true, max: 40 }]}>
            <Input placeholder={t('devices.name.placeholder')} maxLength={40} data-testid="pair-name" />
          </Form.Item>
          <Form.Item name="roomId" {...pairErrors.item('roomId')}>
            <Select allowClear options={rooms} data-testid="pair-room" />
          </Form.Item>
        </Form>
        <FormError text={pairErrors.general} />
      </Modal>
      <Modal open={!!revoking} title={`${t('devices.revoke')} ${revoking?.name ?? ''}`} onCancel={() => {
          setRevoking(null);
          revokeErrors.clear();
        }}
        onOk={() => void revoke()}
        confirmLoading={revokeErrors.busy}
        okButtonProps={{ danger: true, disabled: !revokeReady, 'data-testid': 'revoke-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={revokeForm} layout="vertical" onValuesChange={(ch: object) => revokeErrors.touched(Object.keys(ch))}>
          <Form.Item name="reason" {...revokeErrors.item('reason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input.TextArea rows={2} maxLength={200} data-testid="revoke-reason" />
          </Form.Item>
        </Form>
        <FormError text={revokeErrors.general} />
      </Modal>
    </Space>
  );
}

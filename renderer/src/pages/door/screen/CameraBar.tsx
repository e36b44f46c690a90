import { Button, Col, Row, Select, Typography } from 'antd';
import { useI18n } from '../../../i18n';
import { NO_CAMERA, type useCamera } from '../../../components/camera';

/** The camera picker and the QR reader's switch. */
export function CameraBar({ camera, qrOn, onToggleQr }: { camera: ReturnType<typeof useCamera>; qrOn: boolean; onToggleQr: () => void }) {
  const { t } = useI18n();
  return (
    <>
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
          <Button onClick={onToggleQr} disabled={camera.state.kind !== 'live'} data-testid="qr-camera">
            {t(qrOn ? 'door.scan.qrStop' : 'door.scan.qrCamera')}
          </Button>
        </Col>
      </Row>
      {qrOn && <Typography.Text type="secondary">{t('door.scan.qrLooking')}</Typography.Text>}
    </>
  );
}

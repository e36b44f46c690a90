import { Button, Col, Row, Typography } from 'antd';
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
          {/* the tablet's own picker (a native select): touch-friendly, and no select component in the door's first load */}
          <select className="door-native-select" value={camera.deviceId || ''} onChange={(e) => camera.setDeviceId(e.target.value)} aria-label={t('door.camera.label')} data-testid="camera-select">
            <option value="">{t('door.camera.default')}</option>
            {camera.devices.map((dv) => (
              <option key={dv.deviceId} value={dv.deviceId}>
                {dv.label}
              </option>
            ))}
            <option value={NO_CAMERA}>{t('door.camera.none')}</option>
          </select>
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

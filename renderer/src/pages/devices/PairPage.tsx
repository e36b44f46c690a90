// The door device's side of pairing: opened from the QR code the site head shows (#/pair?code=…&fp=…),
// it trades the one-time code for the device credential, checks the site CA fingerprint the code
// named against the console's, and keeps the credential on this device (IndexedDB).
import { Alert, Button, Card, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { errorData } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { getToken } from '../../api/client';
import { navigate, splitPath, usePath } from '../../router';
import { savePairing } from '../../offline/device';

type State = { kind: 'working' } | { kind: 'done'; name: string; site: string } | { kind: 'failed'; message: string };

export function PairPage() {
  const { t, te } = useI18n();
  const path = usePath();
  const [state, setState] = useState<State>({ kind: 'working' });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const q = splitPath(path).params;
    const code = q.get('code') ?? '';
    const fp = (q.get('fp') ?? '').toUpperCase();
    void (async () => {
      try {
        const out = await call('devices.pair', { code, deviceTime: Date.now() });
        // the code named the site's CA: a console with another CA is not the site the QR was shown at
        if (fp && out.site.fingerprint && out.site.fingerprint.toUpperCase() !== fp) {
          setState({ kind: 'failed', message: t('error.devices.pairFingerprint') });
          return;
        }
        await savePairing(
          { key: 'device', credential: out.credential, uid: out.device.uid, name: out.device.name, roomId: out.device.roomId, siteName: out.site.name, fingerprint: out.site.fingerprint, pairedAt: out.serverNow },
          out.offsetMs,
        );
        setState({ kind: 'done', name: out.device.name, site: out.site.name });
      } catch (e) {
        setState({ kind: 'failed', message: te(errorData(e)) });
      }
    })();
  }, [path, t, te]);

  return (
    <Card title={t('pair.title')} style={{ maxWidth: 560, margin: '48px auto' }} data-testid="pair-page">
      {state.kind === 'working' && <Spin tip={t('pair.working')}><div style={{ height: 80 }} /></Spin>}
      {state.kind === 'failed' && <Alert type="error" showIcon message={t('pair.failed')} description={state.message} data-testid="pair-failed" />}
      {state.kind === 'done' && (
        <>
          <Alert type="success" showIcon message={t('pair.done', { name: state.name, site: state.site })} data-testid="pair-done" />
          <Button
            type="primary"
            size="large"
            style={{ marginTop: 16 }}
            data-testid="pair-to-door"
            onClick={() => {
              navigate('/door');
              // not signed in yet: the sign-in page comes first, then the door
              if (!getToken()) window.location.reload();
            }}
          >
            {t('pair.toDoor')}
          </Button>
        </>
      )}
    </Card>
  );
}

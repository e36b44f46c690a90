// The scan box keeps the focus (wedge scanners type and press Enter), hints while a number is
// typed, and shows the last error under it.
import { Alert, Button, Input, Space, Typography } from 'antd';
import type { RefObject } from 'react';
import { useI18n } from '../../../i18n';
import { typedIdState } from '../idcheck';

interface Props {
  code: string;
  busy: boolean;
  error: string | null;
  /** whether a dialog is open: then the box does not take the focus back */
  modalOpen: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
  onChange: (code: string) => void;
  onEnter: () => void;
  onCloseError: () => void;
  focusScan: () => void;
}

export function ScanBox({ code, busy, error, modalOpen, inputRef, onChange, onEnter, onCloseError, focusScan }: Props) {
  const { t } = useI18n();
  const typed = typedIdState(code);
  const idHint =
    typed.state === 'ok' ? <Typography.Text type="success">{t('door.id.ok')}</Typography.Text>
    : typed.state === 'bad' ? <Typography.Text type="danger">{t('door.id.bad')}</Typography.Text>
    : typed.state === 'badDate' ? <Typography.Text type="danger">{t('door.id.badDate')}</Typography.Text>
    : typed.state === 'typing' ? <Typography.Text type="secondary">{t('door.id.typing', { n: typed.n })}</Typography.Text>
    : null;
  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          ref={(el) => {
            inputRef.current = el?.input ?? null;
          }}
          size="large"
          autoFocus
          value={code}
          onChange={(e) => onChange(e.target.value)}
          onPressEnter={onEnter}
          onBlur={(e) => {
            // a wedge scanner types into whatever has the focus: give it back unless a dialog or control took it
            const to = e.relatedTarget as HTMLElement | null;
            if (!modalOpen && !(to && (to.tagName === 'INPUT' || to.closest('.ant-select')))) focusScan();
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
      {error && <Alert type="error" showIcon message={error} closable onClose={onCloseError} style={{ marginBottom: 8 }} data-testid="door-error" />}
    </>
  );
}

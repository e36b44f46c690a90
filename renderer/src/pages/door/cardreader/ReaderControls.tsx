// The reader's choice (a select) and 读卡, shown only where the site has readers: a chunk of its own,
// so a door without a reader does not download the select.
import { IdcardOutlined } from '@ant-design/icons';
import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../../electron/commands/api';
import { useI18n } from '../../../i18n';

export interface ReaderControlsProps {
  profiles: OutputOf<'cardreader.doorProfiles'>;
  profileId: number | null;
  onProfile: (id: number | null) => void;
  onRead: (reader: { id: number; name: string }) => Promise<void>;
}

export function ReaderControls({ profiles, profileId, onProfile, onRead }: ReaderControlsProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const chosen = profiles.find((p) => p.id === profileId) ?? null;
  const read = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      await onRead(chosen);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap style={{ marginTop: 8 }} data-testid="card-reader-bar">
      <Select
        style={{ minWidth: 180 }}
        value={chosen?.id ?? 0}
        onChange={(v: number) => onProfile(v || null)}
        options={[{ value: 0, label: t('door.card.noReader') }, ...profiles.map((p) => ({ value: p.id, label: p.name }))]}
        aria-label={t('door.card.reader')}
        data-testid="card-reader-select"
      />
      <Button size="large" icon={<IdcardOutlined />} disabled={!chosen} loading={busy} onClick={() => void read()} data-testid="card-read">
        {t('door.card.read')}
      </Button>
    </Space>
  );
}

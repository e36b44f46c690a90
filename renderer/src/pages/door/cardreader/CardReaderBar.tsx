// The vendor reader's controls at the door: which of the site's readers this device uses (kept on
// the device) and 读卡, which asks the console to read the card (the page never calls the reader).
import { IdcardOutlined } from '@ant-design/icons';
import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../../api/hooks';
import { useI18n } from '../../../i18n';

interface Props {
  profileId: number | null;
  onProfile: (id: number | null) => void;
  onRead: (reader: { id: number; name: string }) => Promise<void>;
}

export function CardReaderBar({ profileId, onProfile, onRead }: Props) {
  const { t } = useI18n();
  const profiles = useQuery('cardreader.doorProfiles', {});
  const [busy, setBusy] = useState(false);
  const list = profiles.data ?? [];
  if (list.length === 0) return null;
  const chosen = list.find((p) => p.id === profileId) ?? null;
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
        options={[{ value: 0, label: t('door.card.noReader') }, ...list.map((p) => ({ value: p.id, label: p.name }))]}
        aria-label={t('door.card.reader')}
        data-testid="card-reader-select"
      />
      <Button size="large" icon={<IdcardOutlined />} disabled={!chosen} loading={busy} onClick={() => void read()} data-testid="card-read">
        {t('door.card.read')}
      </Button>
    </Space>
  );
}

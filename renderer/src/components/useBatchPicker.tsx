// The batch a group of pages works on (the draw pages, the scoring and results pages): the first
// batch by default, the choice remembered on this device per group.
import { Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '../api/hooks';
import { useI18n } from '../i18n';

export function useBatchPicker(method: 'draw.batches' | 'scoring.batches', storageKey: string) {
  const { t } = useI18n();
  const batches = useQuery(method, {});
  const [batchId, setBatchId] = useState<number | null>(() => Number(localStorage.getItem(storageKey)) || null);
  const list = useMemo(() => batches.data ?? [], [batches.data]);
  useEffect(() => {
    if (list.length > 0 && !list.some((b) => b.id === batchId)) setBatchId(list[0]!.id);
  }, [list, batchId]);
  const choose = (id: number) => {
    localStorage.setItem(storageKey, String(id));
    setBatchId(id);
  };
  const batch = list.find((b) => b.id === batchId) ?? null;
  const picker = (
    <Space>
      <Typography.Text>{t('draw.batch')}</Typography.Text>
      <Select
        style={{ minWidth: 320 }}
        value={batch?.id}
        onChange={choose}
        options={list.map((b) => ({ value: b.id, label: `${b.examDate} ${b.name}` }))}
        data-testid="batch-picker"
      />
    </Space>
  );
  return { batch, batchId: batch?.id ?? null, loading: batches.loading, picker };
}

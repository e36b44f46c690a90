// A3: the province whose rules apply and, per class, the years kept: never fewer than the rule.
import { Alert, App, Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { CLASSES, classKey, type MaterialClass } from './text';

type Province = 'SD' | 'ZJ';

export function PolicyTab() {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const head = useSession().session.actor.role === 'site_head';
  const q = useQuery('records.overview', {});
  const [province, setProvince] = useState<Province>('SD');
  const [years, setYears] = useState<Partial<Record<MaterialClass, number>>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!q.data) return;
    setProvince(q.data.policy.province);
    setYears(q.data.policy.years);
  }, [q.data]);
  if (q.error) return <Alert type="error" showIcon message={te(q.error)} />;
  if (!q.data) return null;
  // the minimums of the province chosen on screen, as the server will apply them
  const minimum = (c: MaterialClass) => q.data!.seeds[province][c];
  const save = async () => {
    setBusy(true);
    try {
      const clean = Object.fromEntries(CLASSES.map((c) => [c, Math.max(years[c] ?? 0, minimum(c))]));
      await call('records.policy.set', { province, years: clean });
      message.success(t('records.policy.saved'));
      void q.reload();
    } catch (e) {
      message.error(te(errorData(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <Typography.Text strong>{t('records.policy.province')}</Typography.Text>
          <Select
            style={{ width: 360, maxWidth: '100%' }}
            disabled={!head}
            value={province}
            onChange={(p: Province) => {
              setProvince(p);
              setYears({});
            }}
            options={(['SD', 'ZJ'] as const).map((p) => ({ value: p, label: t(`records.province.${p}`) }))}
            data-testid="policy-province"
          />
        </Space>
        <Table
          size="small"
          rowKey={(c) => c}
          pagination={false}
          dataSource={[...CLASSES]}
          columns={[
            { title: t('records.col.class'), key: 'c', render: (_: unknown, c: MaterialClass) => t(classKey(c)) },
            {
              title: t('records.policy.years'),
              key: 'y',
              width: 220,
              render: (_: unknown, c: MaterialClass) => (
                <Space>
                  <InputNumber min={minimum(c)} max={100} disabled={!head} value={Math.max(years[c] ?? 0, minimum(c))} onChange={(v) => setYears((y) => ({ ...y, [c]: v ?? minimum(c) }))} data-testid={`policy-years-${c}`} />
                  <Typography.Text type="secondary">{t('records.policy.minimum', { years: minimum(c) })}</Typography.Text>
                </Space>
              ),
            },
          ]}
        />
        {head && (
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="policy-save">
            {t('records.policy.save')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

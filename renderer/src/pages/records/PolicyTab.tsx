// A3: the province whose rules apply and, per class, the years kept: never fewer than the rule.
import { Alert, App, Button, Card, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { FormError, useFormErrors, type FieldLabels } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { CLASSES, classKey, type MaterialClass } from './text';

type Province = 'SD' | 'ZJ';

// A3: a period below the province's rule is refused under its class's years (the words name the class)
const POLICY_LABELS: FieldLabels = { province: 'records.policy.province', ...Object.fromEntries(CLASSES.map((c) => [`years.${c}`, classKey(c)])) };

export function PolicyTab() {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const head = useSession().session.actor.role === 'site_head';
  const q = useQuery('records.overview', {});
  const [province, setProvince] = useState<Province>('SD');
  const [years, setYears] = useState<Partial<Record<MaterialClass, number | null>>>({});
  const fe = useFormErrors(POLICY_LABELS);
  useEffect(() => {
    if (!q.data) return;
    setProvince(q.data.policy.province);
    setYears(q.data.policy.years);
  }, [q.data]);
  if (q.error) return <Alert type="error" showIcon message={te(q.error)} />;
  if (!q.data) return null;
  // the minimums of the province chosen on screen, as the server will apply them
  const minimum = (c: MaterialClass) => q.data!.seeds[province][c];
  const value = (c: MaterialClass): number | null => (years[c] === undefined ? minimum(c) : years[c]);
  // every class needs its years before the policy can be saved
  const ready = CLASSES.every((c) => years[c] !== null);
  const save = async () => {
    const r = await fe.run(() => call('records.policy.set', { province, years: Object.fromEntries(CLASSES.map((c) => [c, value(c) ?? minimum(c)])) }));
    if (!r.ok) return;
    message.success(t('records.policy.saved'));
    void q.reload();
  };
  return (
    <Card size="small">
      <Form layout="vertical" component="div" data-testid="policy-form">
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
              fe.clear();
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
                <Form.Item {...fe.item(`years.${c}`, false)} extra={t('records.policy.minimum', { years: minimum(c) })} style={{ marginBottom: 0 }}>
                  <InputNumber
                    min={1}
                    max={100}
                    precision={0}
                    disabled={!head}
                    value={value(c)}
                    onChange={(v) => {
                      setYears((y) => ({ ...y, [c]: v }));
                      fe.touched([`years.${c}`]);
                    }}
                    data-testid={`policy-years-${c}`}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        {head && (
          <div>
            <Button type="primary" disabled={!ready} loading={fe.busy} onClick={() => void save()} data-testid="policy-save">
              {t('records.policy.save')}
            </Button>
            <FormError text={fe.general} testId="policy-error" />
          </div>
        )}
      </Space>
      </Form>
    </Card>
  );
}

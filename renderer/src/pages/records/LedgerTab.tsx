// A4: the destruction ledger (销毁台帐): date, reason, method, batch, class, who destroyed, who signed,
// and the hash of the archive manifest that names what was destroyed.
import { Alert, Empty, Table, Typography } from 'antd';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { classKey } from './text';

type Row = OutputOf<'records.ledger'>[number];

export function LedgerTab() {
  const { t, te } = useI18n();
  const q = useQuery('records.ledger', {});
  if (q.error) return <Alert type="error" showIcon message={te(q.error)} />;
  if (!q.data) return null;
  if (q.data.length === 0) return <Empty description={t('records.ledger.empty')} />;
  return (
    <Table
      size="small"
      rowKey="id"
      data-testid="ledger"
      pagination={{ pageSize: 20 }}
      scroll={{ x: 1180 }}
      dataSource={q.data}
      columns={[
        { title: t('records.ledger.date'), dataIndex: 'destroyedOn', width: 110 },
        { title: t('records.ledger.batch'), key: 'batch', width: 200, render: (_: unknown, r: Row) => <span title={r.batchName}>{r.planCode}</span> },
        { title: t('records.ledger.class'), dataIndex: 'class', width: 190, render: (c: string) => t(classKey(c)) },
        { title: t('records.ledger.reason'), dataIndex: 'reason', width: 140 },
        { title: t('records.ledger.method'), dataIndex: 'method', width: 140 },
        { title: t('records.ledger.destroyer'), key: 'd', render: (_: unknown, r: Row) => `${r.destroyerName}（${r.destroyerNo}）` },
        { title: t('records.ledger.signer'), key: 's', render: (_: unknown, r: Row) => `${r.signerName}（${r.signerNo}）` },
        {
          title: t('records.ledger.manifest'),
          key: 'm',
          render: (_: unknown, r: Row) => (
            <Typography.Text code copyable={{ text: r.archiveManifestSha256 }}>
              {r.archiveManifestSha256.slice(0, 16)}…
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

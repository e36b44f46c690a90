// DOMAIN A2–A5, the 档案 section: archive and retention per batch (with destruction), the
// destruction ledger, the yearly summary and the retention settings, one tab each.
import { Tabs } from 'antd';
import { useI18n } from '../../i18n';
import { navigate, usePath } from '../../router';
import { ArchiveTab } from './ArchiveTab';
import { LedgerTab } from './LedgerTab';
import { PolicyTab } from './PolicyTab';
import { SummaryTab } from './SummaryTab';

const TABS = ['/records', '/records/ledger', '/records/summary', '/records/policy'] as const;

export function RecordsArea() {
  const { t } = useI18n();
  const path = usePath();
  const active = TABS.find((p) => p === path) ?? '/records';
  return (
    <Tabs
      activeKey={active}
      onChange={(k) => navigate(k)}
      destroyOnHidden
      items={[
        { key: '/records', label: t('records.tab.archive'), children: <ArchiveTab /> },
        { key: '/records/ledger', label: t('records.tab.ledger'), children: <LedgerTab /> },
        { key: '/records/summary', label: t('records.tab.summary'), children: <SummaryTab /> },
        { key: '/records/policy', label: t('records.tab.policy'), children: <PolicyTab /> },
      ]}
    />
  );
}

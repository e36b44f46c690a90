// The home's first card: what comes next for this role, from the data (home.next), with the
// counts of what waits. The first step is the one to do now; the rest follow.
import { Badge, Button, Card, List, Typography } from 'antd';
import type { OutputOf } from '../../../electron/commands/api';
import { useQuery } from '../api/hooks';
import { useI18n, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { RuleHint } from './RuleHint';

type Step = OutputOf<'home.next'>['steps'][number];

function useWords() {
  const { t } = useI18n();
  return (s: Step) => ({
    text: t(`next.${s.code}` as MessageKey, { ...s.params, count: s.count ?? 0 }),
    help: t(`next.${s.code}.help` as MessageKey),
  });
}

export function NextSteps() {
  const { t } = useI18n();
  const words = useWords();
  // refreshes by itself: the counts change as the floor works
  const next = useQuery('home.next', {}, { refreshMs: 30_000 });
  const steps = next.data?.steps ?? [];
  const [first, ...rest] = steps;
  const batch = next.data?.batch;
  return (
    <Card
      title={t('next.title')}
      style={{ marginBottom: 16, borderColor: '#1677ff' }}
      loading={!next.data && next.loading}
      data-testid="next-steps"
    >
      {/* the batch under the title, inside the card's width (a phone has no room beside the title) */}
      {batch && (
        <Typography.Paragraph type="secondary" ellipsis={{ tooltip: batch.name }} style={{ marginTop: -8, marginBottom: 12 }} data-testid="next-batch">
          {t('next.batch', { name: batch.name, date: batch.examDate })}
        </Typography.Paragraph>
      )}
      {first && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }} data-testid="next-first" data-code={first.code}>
          <Typography.Text strong style={{ fontSize: 18, flex: '1 1 260px' }}>
            {first.count ? <Badge count={first.count} overflowCount={9999} style={{ marginInlineEnd: 8 }} /> : null}
            {words(first).text}
            <RuleHint text={words(first).help} />
          </Typography.Text>
          {first.path && (
            <Button type="primary" size="large" onClick={() => navigate(first.path!)} data-testid="next-go">
              {t('common.open')}
            </Button>
          )}
        </div>
      )}
      {rest.length > 0 && (
        <List
          style={{ marginTop: 12 }}
          size="small"
          header={<Typography.Text type="secondary">{t('next.more')}</Typography.Text>}
          dataSource={rest}
          data-testid="next-rest"
          renderItem={(s) => (
            <List.Item
              data-testid={`next-${s.code}`}
              actions={s.path ? [<Button key="open" size="small" onClick={() => navigate(s.path!)}>{t('common.open')}</Button>] : []}
            >
              <span>
                {s.count ? <Badge count={s.count} overflowCount={9999} color="#faad14" style={{ marginInlineEnd: 8 }} /> : null}
                {words(s).text}
                <RuleHint text={words(s).help} />
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

// The examiner's own list (S5): the candidates of their panels, with their sheet's state, big targets for a tablet.
import { Badge, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';

export function MyCandidatesPage() {
  const { t } = useI18n();
  const mine = useQuery('scoring.my.candidates', {}, { refreshMs: 15_000 });
  const rows = mine.data ?? [];
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.sessionName} · ${r.roomCode}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  if (!mine.loading && rows.length === 0) return <Empty description={t('scoring.mine.empty')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('scoring.mine.title')}
      </Typography.Title>
      {[...groups.entries()].map(([title, list]) => (
        <Card key={title} title={title} size="small">
          <List
            grid={{ gutter: 12, xs: 1, sm: 2, md: 3, lg: 4 }}
            dataSource={list}
            renderItem={(r) => {
              const submitted = r.myStatus === 'submitted';
              return (
                <List.Item>
                  <Button
                    block
                    size="large"
                    style={{ height: 88, textAlign: 'left', whiteSpace: 'normal' }}
                    type={submitted || r.blocked ? 'default' : 'primary'}
                    ghost={!submitted && !r.blocked}
                    onClick={() => navigate(`/scoring/sheet/${r.candidateId}/${r.subjectId}`)}
                    data-testid={`cand-${r.ticketNo}`}
                  >
                    <Space orientation="vertical" size={2}>
                      <Typography.Text strong style={{ fontSize: 18 }}>
                        {r.seat ? `${r.seat} ` : ''}
                        {r.name}
                      </Typography.Text>
                      <Space size={4}>
                        <Typography.Text type="secondary">{r.ticketNo}</Typography.Text>
                        {r.round > 1 && <Tag color="purple">{t('rescore.round', { round: r.round })}</Tag>}
                        {r.blocked ? <Tag color="red" data-testid={`blocked-${r.ticketNo}`}>{t(`scoring.blocked.${r.blocked}`)}</Tag> : submitted ? <Tag color="green">{t('scoring.sheet.submitted', { total: r.myTotal ?? '' })}</Tag> : r.myStatus === 'draft' ? <Tag color="orange">{t('scoring.sheet.draft')}</Tag> : <Tag>{t('scoring.sheet.none')}</Tag>}
                        <Badge count={`${r.panelSubmitted}/${r.panelSize}`} color={r.panelSubmitted >= r.panelSize ? 'green' : 'gray'} />
                      </Space>
                    </Space>
                  </Button>
                </List.Item>
              );
            }}
          />
        </Card>
      ))}
    </Space>
  );
}

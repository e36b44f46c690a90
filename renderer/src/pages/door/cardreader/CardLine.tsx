// What the card said, under the verdict: the reader, the document, the name as printed on the card
// (a name that differs from the registration is flagged for the proctor to check), masked number.
import { Alert, Typography } from 'antd';
import { useI18n } from '../../../i18n';
import type { DoorCard } from './useDoorCard';

export function CardLine({ card, planName }: { card: DoorCard; planName: string | null }) {
  const { t } = useI18n();
  const c = card.card;
  const source = card.source === 'vendor' ? t('door.card.source.vendor', { name: card.readerName ?? '' }) : t('door.card.source.keyboard');
  const parts = [c.docType, c.name, c.sex, c.birthDate, c.numberMasked].filter((x): x is string => !!x);
  const mismatch = c.name !== null && planName !== null && c.name !== planName;
  return (
    <div style={{ marginTop: 6 }} data-testid="card-line">
      <Typography.Text type="secondary">
        {source}：{parts.join(' · ')}
      </Typography.Text>
      {mismatch && <Alert type="warning" showIcon style={{ marginTop: 4 }} title={t('door.card.nameMismatch', { card: c.name ?? '', plan: planName ?? '' })} data-testid="card-name-mismatch" />}
      {card.photoProblem && <Alert type="info" showIcon style={{ marginTop: 4 }} title={t(card.photoProblem === 'tooLarge' ? 'door.card.photoTooLarge' : 'door.card.photoNotImage')} />}
    </div>
  );
}

// Why an entry found nobody without counting as a refusal (E3): still incomplete, a tail that
// matched nobody, or no number at all. Worded here from the console's codes.
import { Typography } from 'antd';
import { useI18n } from '../../../i18n';
import type { EntryHint } from './types';

export function EntryHintLine({ hint }: { hint: EntryHint | null }) {
  const { t } = useI18n();
  if (!hint) return null;
  const text =
    hint.code === 'incomplete' ? t('door.hint.incomplete', { n: hint.typed, lengths: hint.ticketLengths.join('/') || '—' })
    : hint.code === 'noTail' ? t('door.hint.noTail', { tail: hint.tail })
    : t('door.hint.unknown', { n: hint.typed });
  return (
    <div style={{ marginBottom: 8, fontSize: 15 }} data-testid="entry-hint" role="status">
      <Typography.Text type="warning">{text}</Typography.Text>
    </div>
  );
}

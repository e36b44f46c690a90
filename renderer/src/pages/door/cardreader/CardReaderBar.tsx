// The vendor reader's controls at the door: which of the site's readers this device uses (kept on
// the device) and 读卡, which asks the console to read the card (the page never calls the reader).
// Nothing shows (and nothing more loads) where the site has no reader.
import { lazy, Suspense } from 'react';
import { useQuery } from '../../../api/hooks';
import type { ReaderControlsProps } from './ReaderControls';

const ReaderControls = lazy(() => import('./ReaderControls').then((m) => ({ default: m.ReaderControls })));

export function CardReaderBar(props: Omit<ReaderControlsProps, 'profiles'>) {
  const profiles = useQuery('cardreader.doorProfiles', {});
  const list = profiles.data ?? [];
  if (list.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <ReaderControls profiles={list} {...props} />
    </Suspense>
  );
}

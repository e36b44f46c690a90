// The batch the draw pages work on: the exam day's batch, remembered across the draw pages.
import { useBatchPicker } from '../../components/useBatchPicker';

export const useBatch = () => useBatchPicker('draw.batches', 'esc.draw.batch');

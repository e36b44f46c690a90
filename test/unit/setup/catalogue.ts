// The renderer loads its words by part at run time (renderer/src/i18n/split.ts); tests word codes
// with the whole catalogue, installed once per test file.
import { installCatalogue } from '../../../renderer/src/i18n';
import { enUS, zhCN } from '../../../renderer/src/i18n/catalogue';

installCatalogue(zhCN, enUS);

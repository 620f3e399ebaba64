// 地方税 and pension records of the emulated test cards, in the wire format. Realistic
// amounts (integer yen), "" for "no information" as distinct from "0", a negative business
// income, and 課税年度 (the fiscal year the tax is levied) one year after 所得年.
import type { AuthCertificateName } from '../../../native/devkit/test-pki/test-pki.ts';
import type { WireRecord } from './mynaportal-adapter.ts';

type Records = Readonly<Record<string, readonly WireRecord[]>>;

const LOCAL_TAX = '地方税';
const PENSION = '年金・日本年金機構関係';

export const TEST_CARD_RECORDS: Readonly<Partial<Record<AuthCertificateName, Records>>> = {
  default: {
    [LOCAL_TAX]: [
      {
        課税年度: '2024',
        所得年: '2023',
        給与収入額: '5800000',
        給与所得額: '4200000',
        公的年金等収入額: '',
        事業所得額: '0',
        合計所得金額: '4200000',
        市町村民税所得割額: '252000',
      },
      {
        課税年度: '2025',
        所得年: '2024',
        給与収入額: '6000000',
        給与所得額: '4360000',
        公的年金等収入額: '',
        事業所得額: '0',
        合計所得金額: '4360000',
        市町村民税所得割額: '261600',
      },
    ],
    [PENSION]: [
      { 対象年: '2024', 年金年額: '1920000' },
      { 対象年: '2025', 年金年額: '1980000' },
    ],
  },
  'one-try-left': {
    [LOCAL_TAX]: [
      {
        課税年度: '2025',
        所得年: '2024',
        給与収入額: '4800000',
        給与所得額: '3380000',
        公的年金等収入額: '0',
        事業所得額: '-250000',
        合計所得金額: '3130000',
        市町村民税所得割額: '187800',
      },
    ],
  },
  slow: {
    [LOCAL_TAX]: [
      {
        課税年度: '2025',
        所得年: '2024',
        給与収入額: '3600000',
        給与所得額: '2440000',
        公的年金等収入額: '1200000',
        事業所得額: '',
        合計所得金額: '3240000',
        市町村民税所得割額: '194400',
      },
    ],
  },
};

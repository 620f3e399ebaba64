// The texts of the retained and left-behind cards register page (取込カード管理簿), Japanese
// first and English; kept apart from the menu's catalogue, as the page is its own.
import type { IdCheckMethod, KeptCardView, KeptReason, LockOutcome } from '../../electron/common/maintenance/maintenance-view.ts';
import type { Language } from '../../electron/common/ui-events.ts';

const n = (value: number): string => String(value);

const ja = {
  lockTitle: 'カードのお忘れがあります',
  lockLead: (since: string) =>
    `${since}から、カードリーダーにカードが残されていました。カードを取り出してから、どうだったかを記録してください。記録するまで、お客様はご利用になれません。`,
  lockOutcomes: { secured: 'カードを回収した', 'not-found': 'カードが見当たらない' } satisfies Record<LockOutcome, string>,
  bin: (count: number, recorded: number, matches: boolean) =>
    `カード回収箱：装置の枚数 ${n(count)}枚 ／ 管理簿 ${n(recorded)}枚（${matches ? '一致' : '不一致：回収箱を確認してください'}）`,
  binUnknown: 'カード回収箱の枚数は報告されていません',
  unclaimed: (days: number) => `${n(days)}日を過ぎて返却されていないカードは「遺失物手続」と表示されます。`,
  empty: '記録はありません',
  statuses: { open: '保管中', flagged: '遺失物手続', released: '返却済', 'not-found': '所在不明' } satisfies Record<
    KeptCardView['status'],
    string
  >,
  reasons: {
    'not-taken': '取り忘れ（回収）',
    'left-behind': '置き忘れ',
    outage: '障害中の取り出し',
    swapped: 'カードの差し替え',
  } satisfies Record<KeptReason, string>,
  kept: (at: string, days: number) => `${at}（${n(days)}日経過）`,
  binPosition: (position: number) => `回収箱 ${n(position)}番目`,
  card: (hash: string) => `カード ${hash}`,
  session: (reference: string) => `取引 ${reference}`,
  released: (at: string, by: string, method: string, approvedBy: string) => `${at} 担当者 ${by} が返却（${method}、承認 ${approvedBy}）`,
  release: '返却する',
  formTitle: (at: string) => `カードの返却：${at}に保管`,
  formLead: (staff: string) => `ご本人の確認書類を確認してください。確認した担当者：${staff}`,
  method: '確認書類',
  methods: { 'driving-licence': '運転免許証', passport: 'パスポート', 'residence-card': '在留カード', other: 'その他' } satisfies Record<
    IdCheckMethod,
    string
  >,
  checkedAt: '確認日時',
  approval: '返却には、役席または管理者の承認が必要です。',
  toApproval: '承認へ進む',
  page: (current: number, total: number) => `${n(current)} / ${n(total)}`,
  previous: '前のページ',
  next: '次のページ',
};

export type CardsMessages = typeof ja;

const en: CardsMessages = {
  lockTitle: 'A card was left behind',
  lockLead: (since: string) =>
    `A card was left in the card reader at ${since}. Take it out, then record what you found. Customers cannot use the kiosk until you do.`,
  lockOutcomes: { secured: 'Card taken into safekeeping', 'not-found': 'No card found' },
  bin: (count: number, recorded: number, matches: boolean) =>
    `Retain bin: ${n(count)} by the reader / ${n(recorded)} in the register (${matches ? 'they agree' : 'they differ: check the bin'})`,
  binUnknown: 'The reader has not reported a retain bin count',
  unclaimed: (days: number) => `A card not given back after ${n(days)} days is marked for the lost-property procedure.`,
  empty: 'No cards recorded',
  statuses: { open: 'Held', flagged: 'Lost property', released: 'Given back', 'not-found': 'Not found' },
  reasons: {
    'not-taken': 'Not taken in time (retained)',
    'left-behind': 'Left behind',
    outage: 'Removed during an outage',
    swapped: 'Card swapped',
  },
  kept: (at: string, days: number) => `${at} (${n(days)} ${days === 1 ? 'day' : 'days'} ago)`,
  binPosition: (position: number) => `Bin position ${n(position)}`,
  card: (hash: string) => `Card ${hash}`,
  session: (reference: string) => `Session ${reference}`,
  released: (at: string, by: string, method: string, approvedBy: string) =>
    `Given back ${at} by staff ${by} (${method}, approved by ${approvedBy})`,
  release: 'Give back',
  formTitle: (at: string) => `Giving back the card kept ${at}`,
  formLead: (staff: string) => `Check the owner's identity document. Checked by staff ${staff}.`,
  method: 'Identity document',
  methods: { 'driving-licence': 'Driving licence', passport: 'Passport', 'residence-card': 'Residence card', other: 'Other' },
  checkedAt: 'Checked at',
  approval: 'A supervisor or an administrator must approve giving a card back.',
  toApproval: 'Go to approval',
  page: (current: number, total: number) => `${n(current)} / ${n(total)}`,
  previous: 'Previous page',
  next: 'Next page',
};

export const cardsMessagesFor = (language: Language): CardsMessages => ({ ja, en })[language];

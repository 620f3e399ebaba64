// What the touchscreen may ask of the kiosk core. Validated on arrival (a compromised or
// buggy renderer must not be able to send anything else) and ignored by the session when
// it makes no sense in the current state.
import { z } from 'zod';
import { MAINTENANCE_EVENT_OPTIONS } from './maintenance/maintenance-events.ts';
import { ITEM_KEY } from './item-key.ts';

export const LanguageSchema = z.enum(['ja', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

/** An information item as the review screen names its rows: its key (id, and record where an answer has several). */
const ItemKeySchema = z.string().regex(ITEM_KEY);

export const UiEventSchema = z.discriminatedUnion('type', [
  /** Touch anywhere on the attract loop. */
  z.object({ type: z.literal('TOUCH') }),
  /** 「マイナポータルからの情報提出」 on the top screen. */
  z.object({ type: z.literal('START') }),
  z.object({ type: z.literal('SELECT_SERVICE'), serviceId: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/) }),
  /** Agrees that the information may be obtained through マイナポータル (図3.3-3). */
  z.object({ type: z.literal('AGREE') }),
  /** 戻る on the confirmation: back to the service choice. */
  z.object({ type: z.literal('BACK') }),
  /** 取消 / 中止. */
  z.object({ type: z.literal('CANCEL') }),
  z.object({ type: z.literal('DIGIT'), digit: z.number().int().min(0).max(9) }),
  /** 訂正: removes the last digit. */
  z.object({ type: z.literal('BACKSPACE') }),
  z.object({ type: z.literal('SUBMIT_PIN') }),
  /**
   * The review screen's last item has been on screen (at once when the table fits, else once
   * it was scrolled to its end): the core takes 確認 only after this, for the last item of its list.
   */
  z.object({ type: z.literal('REVIEW_SEEN'), lastItemKey: ItemKeySchema }),
  /** 確認 on the review screen, with the keys of the items the screen showed (as many as an answer may have). */
  z.object({ type: z.literal('CONFIRM'), itemKeys: z.array(ItemKeySchema).min(1).max(300) }),
  /** 提供しない. */
  z.object({ type: z.literal('DECLINE') }),
  z.object({ type: z.literal('RETRY') }),
  /** "Continue" on the idle warning. */
  z.object({ type: z.literal('CONTINUE') }),
  /** Acknowledges an error or end screen. */
  z.object({ type: z.literal('DISMISS') }),
  z.object({ type: z.literal('SET_LANGUAGE'), language: LanguageSchema }),
  /** Large text or high contrast, switched on the first screens; for this customer's session. */
  z.object({ type: z.literal('SET_DISPLAY_MODE'), mode: z.enum(['large-text', 'high-contrast']), on: z.boolean() }),
  /** The assist key on the number pad: assisted mode (voice names the keys, keypad never shuffled) for the session. */
  z.object({ type: z.literal('ASSIST') }),
  /** Any other touch: the customer is still there. */
  z.object({ type: z.literal('ACTIVITY') }),
  /** The operator maintenance menu's, taken only while the service key holds it open. */
  ...MAINTENANCE_EVENT_OPTIONS,
]);
export type UiEvent = z.infer<typeof UiEventSchema>;

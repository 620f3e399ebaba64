// The catalog of the screen's language.
import type { Language } from '../../electron/common/ui-events.ts';
import { MESSAGES, type Messages } from './messages.ts';

export const messagesFor = (language: Language): Messages => MESSAGES[language];

// 音声案内: what the kiosk says, as data apart from the screen's text, written for the ear:
// short sentences that say where the customer is and what to do. One script per id; the
// prompt pack holds one audio file per id and language (build/prompts/), synthesised from
// `kana` and `en` by default, or recorded by the bank from `ja` and `en`.
//
// `kana` is the Japanese reading for the synthesiser: espeak-ng reads kanji as "Chinese
// letter" and digits in Chinese, so it is kana only (a test checks). No script speaks a PIN
// digit or has a place for one: the PIN is only ever counted (pin.digits.N).

export interface VoiceScript {
  /** Japanese as a narrator reads it (and a reviewer checks it). */
  readonly ja: string;
  /** The same in kana, for the synthesiser. */
  readonly kana: string;
  readonly en: string;
}

const script = (ja: string, kana: string, en: string): VoiceScript => ({ ja, kana, en });

/** The service names and what they obtain, for the demo catalog (a bank's own services add theirs). */
const SERVICE_SCRIPTS = {
  'service.housing-loan-income': script(
    '住宅ローンサービスへの所得情報の提出。',
    'じゅうたくローン サービスへの、しょとく じょうほうの ていしゅつ。',
    'Income information for your housing loan.',
  ),
  'service.housing-loan-income.terms': script(
    '提供先は、デモ銀行、住宅ローンセンター。利用目的は、住宅ローンの審査です。取得する情報は、課税年度、所得の年、給与収入額、給与所得額、公的年金等収入額、事業所得額、合計所得金額、市町村民税所得割額です。提供先は、この情報を三百六十五日保存します。',
    'ていきょうさきは、デモぎんこう、じゅうたくローン センター。りよう もくてきは、じゅうたくローンの しんさです。しゅとくする じょうほうは、かぜい ねんど、しょとくの とし、きゅうよ しゅうにゅうがく、きゅうよ しょとくがく、こうてき ねんきんとう しゅうにゅうがく、じぎょう しょとくがく、ごうけい しょとく きんがく、しちょうそん みんぜい しょとくわりがく です。ていきょうさきは、この じょうほうを さんびゃく ろくじゅうごにち ほぞんします。',
    'It goes to Demo Bank Housing Loan Centre, for the review of your housing loan application. The information obtained: tax year, income year, salary income, salary income after deduction, public pension income, business income, total income, and municipal income-based tax. The recipient keeps it for three hundred and sixty-five days.',
  ),
  'service.card-loan-income': script(
    'カードローンへの所得情報の提出。',
    'カードローンへの、しょとく じょうほうの ていしゅつ。',
    'Income information for your card loan.',
  ),
  'service.card-loan-income.terms': script(
    '提供先は、デモ銀行、ローンセンター。利用目的は、カードローン限度額の審査です。取得する情報は、課税年度、所得の年、給与収入額、合計所得金額です。提供先は、この情報を九十日保存します。',
    'ていきょうさきは、デモぎんこう、ローン センター。りよう もくてきは、カードローン げんどがくの しんさです。しゅとくする じょうほうは、かぜい ねんど、しょとくの とし、きゅうよ しゅうにゅうがく、ごうけい しょとく きんがく です。ていきょうさきは、この じょうほうを きゅうじゅうにち ほぞんします。',
    'It goes to Demo Bank Loan Centre, for the review of your card loan limit. The information obtained: tax year, income year, salary income, and total income. The recipient keeps it for ninety days.',
  ),
  'service.pension-income': script(
    '年金受給額の提出、資産運用相談。',
    'ねんきん じゅきゅうがくの ていしゅつ、しさん うんよう そうだん。',
    'Pension information for investment advice.',
  ),
  'service.pension-income.terms': script(
    '提供先は、デモ銀行、資産運用相談窓口。利用目的は、資産運用のご相談です。取得する情報は、過去二年分の、対象年と年金年額です。提供先は、この情報を三十日保存します。',
    'ていきょうさきは、デモぎんこう、しさん うんよう そうだん まどぐち。りよう もくてきは、しさん うんようの ごそうだん です。しゅとくする じょうほうは、かこ にねんぶんの、たいしょうねんと、ねんきん ねんがく です。ていきょうさきは、この じょうほうを さんじゅうにち ほぞんします。',
    'It goes to Demo Bank Investment Advice Desk, for investment advice. The information obtained: the year and the annual pension, for the last two years. The recipient keeps it for thirty days.',
  ),
} as const;

/** Number N of a list, said before each choice when the keypad is in use. */
const CHOICE_SCRIPTS = {
  'choice.1': script('一番、', 'いちばん。', 'Number one:'),
  'choice.2': script('二番、', 'にばん。', 'Number two:'),
  'choice.3': script('三番、', 'さんばん。', 'Number three:'),
  'choice.4': script('四番、', 'よんばん。', 'Number four:'),
  'choice.5': script('五番、', 'ごばん。', 'Number five:'),
  'choice.6': script('六番、', 'ろくばん。', 'Number six:'),
  'choice.7': script('七番、', 'ななばん。', 'Number seven:'),
  'choice.8': script('八番、', 'はちばん。', 'Number eight:'),
  'choice.9': script('九番、', 'きゅうばん。', 'Number nine:'),
} as const;

/**
 * The receipt number, spelt out one character at a time (its alphabet: A–Z, 0–9 and the
 * hyphen between its blocks). Only ever said on the completion screen.
 */
const SPELLING_SCRIPTS = {
  'spell.0': script('ゼロ', 'ゼロ', 'zero'),
  'spell.1': script('イチ', 'イチ', 'one'),
  'spell.2': script('ニ', 'ニー', 'two'),
  'spell.3': script('サン', 'サン', 'three'),
  'spell.4': script('ヨン', 'ヨン', 'four'),
  'spell.5': script('ゴ', 'ゴー', 'five'),
  'spell.6': script('ロク', 'ロク', 'six'),
  'spell.7': script('ナナ', 'ナナ', 'seven'),
  'spell.8': script('ハチ', 'ハチ', 'eight'),
  'spell.9': script('キュウ', 'キュー', 'nine'),
  'spell.A': script('エー', 'エー', 'A'),
  'spell.B': script('ビー', 'ビー', 'B'),
  'spell.C': script('シー', 'シー', 'C'),
  'spell.D': script('ディー', 'ディー', 'D'),
  'spell.E': script('イー', 'イー', 'E'),
  'spell.F': script('エフ', 'エフ', 'F'),
  'spell.G': script('ジー', 'ジー', 'G'),
  'spell.H': script('エイチ', 'エイチ', 'H'),
  'spell.I': script('アイ', 'アイ', 'I'),
  'spell.J': script('ジェー', 'ジェー', 'J'),
  'spell.K': script('ケー', 'ケー', 'K'),
  'spell.L': script('エル', 'エル', 'L'),
  'spell.M': script('エム', 'エム', 'M'),
  'spell.N': script('エヌ', 'エヌ', 'N'),
  'spell.O': script('オー', 'オー', 'O'),
  'spell.P': script('ピー', 'ピー', 'P'),
  'spell.Q': script('キュー', 'キュー', 'Q'),
  'spell.R': script('アール', 'アール', 'R'),
  'spell.S': script('エス', 'エス', 'S'),
  'spell.T': script('ティー', 'ティー', 'T'),
  'spell.U': script('ユー', 'ユー', 'U'),
  'spell.V': script('ブイ', 'ブイ', 'V'),
  'spell.W': script('ダブリュー', 'ダブリュー', 'W'),
  'spell.X': script('エックス', 'エックス', 'X'),
  'spell.Y': script('ワイ', 'ワイ', 'Y'),
  'spell.Z': script('ゼット', 'ゼット', 'Z'),
  'spell.-': script('ハイフン', 'ハイフン', 'dash'),
} as const;

const ENDED = {
  cancelled: script('お手続きを中止しました。', 'おてつづきを ちゅうし しました。', 'The procedure was stopped.'),
  declined: script(
    '情報を提供せずに、お手続きを終了しました。',
    'じょうほうを ていきょう せずに、おてつづきを しゅうりょう しました。',
    'The procedure ended without providing the information.',
  ),
  timeout: script(
    '操作がなかったため、お手続きを中止しました。',
    'そうさが なかったため、おてつづきを ちゅうし しました。',
    'The procedure was stopped because there was no input.',
  ),
  error: script('お手続きを中止しました。', 'おてつづきを ちゅうし しました。', 'The procedure was stopped.'),
} as const;

export const VOICE_SCRIPTS = {
  // Said once when assisted mode comes on (a headset plugged in, or the assist key).
  assisted: script(
    '音声案内を始めます。テンキーで操作できます。確定キーで進み、取消キーで中止します。案内をもう一度聞くには、くりかえしキーを押してください。',
    'おんせい あんないを はじめます。テンキーで そうさ できます。かくてい キーで すすみ、とりけし キーで ちゅうし します。あんないを もういちど きくには、くりかえし キーを おしてください。',
    'Voice guidance is on. You can use the keypad: Enter to go on, Cancel to stop. To hear a message again, press the Repeat key.',
  ),

  attract: script(
    'マイナポータルからの情報提出の端末です。マイナンバーカードで、所得の情報を銀行へ提出できます。始めるには、画面にタッチしてください。',
    'マイナポータルからの じょうほう ていしゅつの たんまつです。マイナンバーカードで、しょとくの じょうほうを ぎんこうへ ていしゅつ できます。はじめるには、がめんに タッチ してください。',
    'This terminal submits information from Mynaportal. With your My Number card, you can submit your income information to the bank. To begin, touch the screen.',
  ),
  // Closed now (operating hours): when it opens again is on the screen (a date is not in the prompt pack).
  'attract.closed': script(
    'マイナポータルからの情報提出の端末です。ただいまの時間はご利用いただけません。ご利用いただける日時は、画面に表示しています。',
    'マイナポータルからの じょうほう ていしゅつの たんまつです。ただいまの じかんは ごりよう いただけません。ごりよう いただける にちじは、がめんに ひょうじ しています。',
    'This terminal submits information from Mynaportal. It is not available at this time. The time it can be used again is shown on the screen.',
  ),
  closed: script(
    'ただいまの時間はご利用いただけません。ご利用いただける日時は、画面に表示しています。',
    'ただいまの じかんは ごりよう いただけません。ごりよう いただける にちじは、がめんに ひょうじ しています。',
    'It is not available at this time. The time it can be used again is shown on the screen.',
  ),
  'keys.attract': script('確定キーを押しても始められます。', 'かくてい キーを おしても はじめられます。', 'Or press the Enter key.'),

  'out-of-service.no-reader': script(
    '現在ご利用いただけません。カードリーダーを確認しています。しばらくお待ちください。',
    'げんざい ごりよう いただけません。カードリーダーを かくにん しています。しばらく おまちください。',
    'Not available at the moment. The card reader is being checked. Please wait.',
  ),
  'out-of-service.gateway-down': script(
    '現在ご利用いただけません。通信を確認しています。しばらくお待ちください。',
    'げんざい ごりよう いただけません。つうしんを かくにん しています。しばらく おまちください。',
    'Not available at the moment. The connection is being checked. Please wait.',
  ),
  'out-of-service.operator': script(
    '現在ご利用いただけません。ただいま点検中です。窓口にお声がけください。',
    'げんざい ごりよう いただけません。ただいま てんけんちゅう です。まどぐちに おこえがけ ください。',
    'Not available at the moment: under maintenance. Please ask at the counter.',
  ),
  // What staff chose for customers while the kiosk is out of service (maintenance menu); 点検中 is 'operator'.
  'out-of-service.closed-today': script(
    '本日の受付は終了しました。またのご利用をお待ちしております。',
    'ほんじつの うけつけは しゅうりょう しました。またの ごりようを おまち しております。',
    'We have closed for today. We look forward to seeing you again.',
  ),
  'out-of-service.system-fault': script(
    'システム障害のため、ただいまご利用いただけません。',
    'システム しょうがいの ため、ただいま ごりよう いただけません。',
    'Not available because of a system fault.',
  ),
  // A card left in the desk reader: out of service until staff have seen to it.
  'out-of-service.card-left-behind': script(
    'カードのお忘れがあったため、係員が確認するまでご利用いただけません。窓口にお声がけください。',
    'カードの おわすれが あったため、かかりいんが かくにん するまで ごりよう いただけません。まどぐちに おこえがけ ください。',
    'A card was left in the reader: this terminal cannot be used until staff have checked it. Please ask at the counter.',
  ),
  'out-of-service.setup-fault': script(
    'この端末は現在ご利用いただけません。窓口にお声がけください。',
    'この たんまつは げんざい ごりよう いただけません。まどぐちに おこえがけ ください。',
    'This terminal is not available at the moment. Please ask at the counter.',
  ),
  'out-of-service.disconnected': script(
    '現在ご利用いただけません。しばらくお待ちください。続く場合は、窓口にお声がけください。',
    'げんざい ごりよう いただけません。しばらく おまちください。つづく ばあいは、まどぐちに おこえがけ ください。',
    'Not available at the moment. Please wait; if this goes on, please ask at the counter.',
  ),

  top: script(
    'お手続きの選択です。マイナポータルからの情報提出を選んでください。',
    'おてつづきの せんたく です。マイナポータルからの じょうほう ていしゅつを えらんで ください。',
    'Choose a procedure: submitting information from Mynaportal.',
  ),
  'keys.top': script('始めるには、確定キーを押してください。', 'はじめるには、かくてい キーを おしてください。', 'To begin, press Enter.'),

  'service-choice': script(
    '提出先のサービスを選んでください。',
    'ていしゅつさきの サービスを えらんで ください。',
    'Choose the service to submit your information to.',
  ),
  'keys.service-choice': script(
    '番号のキーで選んでください。',
    'ばんごうの キーで えらんで ください。',
    'Press the number of your choice.',
  ),
  'service.unavailable': script('ただいまご利用いただけません。', 'ただいま ごりよう いただけません。', 'Not available now.'),
  ...SERVICE_SCRIPTS,
  ...CHOICE_SCRIPTS,

  'working.checking-service': script(
    'ご利用いただけるか確認しています。しばらくお待ちください。',
    'ごりよう いただけるか かくにん しています。しばらく おまちください。',
    'Checking that the service is available. Please wait.',
  ),
  'working.reading-card': script(
    'カードを読み取っています。しばらくお待ちください。',
    'カードを よみとって います。しばらく おまちください。',
    'Reading your card. Please wait.',
  ),
  'working.authenticating': script(
    '本人確認をしています。しばらくお待ちください。',
    'ほんにん かくにんを しています。しばらく おまちください。',
    'Confirming your identity. Please wait.',
  ),
  'working.retrieving': script(
    'マイナポータルから情報を取得しています。しばらくお待ちください。',
    'マイナポータルから じょうほうを しゅとく しています。しばらく おまちください。',
    'Obtaining your information from Mynaportal. Please wait.',
  ),
  'working.checking-card': script(
    'カードを確認しています。しばらくお待ちください。',
    'カードを かくにん しています。しばらく おまちください。',
    'Checking your card. Please wait.',
  ),

  confirmation: script(
    '情報の取得と提供についての確認です。マイナポータルを通じて、次の情報を取得し、提供先へ提供します。',
    'じょうほうの しゅとくと ていきょうに ついての かくにん です。マイナポータルを つうじて、つぎの じょうほうを しゅとくし、ていきょうさきへ ていきょう します。',
    'About obtaining and providing your information: through Mynaportal, the following information will be obtained and provided to the recipient.',
  ),
  'keys.confirmation': script(
    '同意して進むには確定キーを、やめるには取消キーを押してください。',
    'どういして すすむには かくてい キーを、やめるには とりけし キーを おしてください。',
    'To agree and go on, press Enter. To stop, press Cancel.',
  ),

  'insert-card': script(
    'マイナンバーカードを入れてください。カードの表を上にして、差し込み口に入れてください。お手続きが終わるまで、カードはお預かりします。',
    'マイナンバーカードを いれて ください。カードの おもてを うえにして、さしこみぐちに いれて ください。おてつづきが おわるまで、カードは おあずかり します。',
    'Please insert your My Number card, face up, into the card slot. The card stays in the machine until the procedure is over.',
  ),

  pin: script(
    '暗証番号の入力です。利用者証明用電子証明書の、数字四桁の暗証番号を入力してください。',
    'あんしょう ばんごうの にゅうりょく です。りようしゃ しょうめいよう でんし しょうめいしょの、すうじ よんけたの あんしょう ばんごうを にゅうりょく してください。',
    'Enter the four-digit PIN of your user certificate.',
  ),
  'keys.pin': script(
    '数字キーで入力し、確定キーを押してください。間違えたときは、訂正キーで一桁ずつ消せます。',
    'すうじ キーで にゅうりょくし、かくてい キーを おしてください。まちがえた ときは、ていせい キーで ひとけたずつ けせます。',
    'Type it on the number keys and press Enter. The Clear key removes the last digit.',
  ),
  'pin.wrong': script('暗証番号が違います。', 'あんしょう ばんごうが ちがいます。', 'The PIN is not correct.'),
  'pin.tries-left.3': script(
    'あと三回間違えると、暗証番号がロックされます。',
    'あと さんかい まちがえると、あんしょう ばんごうが ロック されます。',
    'Three more wrong PINs will lock it.',
  ),
  'pin.tries-left.2': script(
    'あと二回間違えると、暗証番号がロックされます。',
    'あと にかい まちがえると、あんしょう ばんごうが ロック されます。',
    'Two more wrong PINs will lock it.',
  ),
  'pin.last-try': script(
    '次に間違えると、暗証番号がロックされます。わからない場合は、取消を押してください。',
    'つぎに まちがえると、あんしょう ばんごうが ロック されます。わからない ばあいは、とりけしを おして ください。',
    'One more wrong PIN will lock it. If you are not sure of it, press Cancel.',
  ),
  'pin.digits.0': script('入力した数字はありません。', 'にゅうりょく した すうじは ありません。', 'No digits entered.'),
  'pin.digits.1': script('一桁入力しました。', 'ひとけた にゅうりょく しました。', 'One digit entered.'),
  'pin.digits.2': script('二桁入力しました。', 'ふたけた にゅうりょく しました。', 'Two digits entered.'),
  'pin.digits.3': script('三桁入力しました。', 'さんけた にゅうりょく しました。', 'Three digits entered.'),
  'pin.digits.4': script(
    '四桁入力しました。確定を押してください。',
    'よんけた にゅうりょく しました。かくていを おして ください。',
    'Four digits entered. Press Enter to confirm.',
  ),

  review: script(
    '情報提供可否の確認です。マイナポータルから取得した情報を、画面に表示しています。',
    'じょうほう ていきょう かひの かくにん です。マイナポータルから しゅとく した じょうほうを、がめんに ひょうじ しています。',
    'Review: the information obtained from Mynaportal is on the screen.',
  ),
  'keys.review': script(
    '提供してよろしければ確定キーを、提供しない場合は取消キーを押してください。',
    'ていきょう して よろしければ かくてい キーを、ていきょう しない ばあいは とりけし キーを おしてください。',
    'To provide it, press Enter. Not to provide it, press Cancel.',
  ),

  'finishing.sending': script(
    '情報を提供しています。しばらくお待ちください。',
    'じょうほうを ていきょう しています。しばらく おまちください。',
    'Providing your information. Please wait.',
  ),
  'finishing.take-card': script(
    'カードをお返しします。カードをお取りください。',
    'カードを おかえし します。カードを おとり ください。',
    'Your card is coming back. Please take your card.',
  ),
  'finishing.take-card.reminder': script(
    'カードが出ています。カードをお取りください。',
    'カードが でて います。カードを おとり ください。',
    'Your card is waiting for you. Please take your card.',
  ),
  'finishing.take-card.final-capture': script(
    'まもなく、カードを機械の中に回収します。今すぐカードをお取りください。',
    'まもなく、カードを きかいの なかに かいしゅう します。いますぐ カードを おとり ください。',
    'Your card will soon be taken back into the machine. Please take your card now.',
  ),
  'finishing.take-card.final-staff': script(
    'カードが残っています。今すぐカードをお取りください。お取りにならない場合は、係員がお預かりします。',
    'カードが のこって います。いますぐ カードを おとり ください。おとりに ならない ばあいは、かかりいんが おあずかり します。',
    'Your card is still in the reader. Please take it now. Otherwise, staff will keep it for you.',
  ),
  'keys.take-card': script(
    'お時間が必要なときは、どれかのキーを押すと、お待ちします。',
    'おじかんが ひつような ときは、どれかの キーを おすと、おまち します。',
    'If you need more time, press any key and the machine will wait.',
  ),

  complete: script(
    'お手続きが完了しました。ご利用ありがとうございました。',
    'おてつづきが かんりょう しました。ごりよう ありがとう ございました。',
    'The procedure is complete. Thank you.',
  ),
  // Not complete yet: nothing is promised that the bank has not acknowledged.
  'complete.sending': script(
    '銀行への送信を続けています。画面の期限までに届かなかった場合、情報は提供されず、この端末から削除されます。',
    'ぎんこうへの そうしんを つづけて います。がめんの きげんまでに とどかなかった ばあい、じょうほうは ていきょう されず、この たんまつから さくじょ されます。',
    'Still sending to the bank. If it has not reached the bank by the time on the screen, nothing is provided and it is deleted from this terminal.',
  ),
  // Said before the thanks: the customer must know where their card is before anything else.
  'complete.card-retained': script(
    'カードをお取りにならなかったため、カードは機械の中に回収しました。窓口にお声がけください。',
    'カードを おとりに ならなかった ため、カードは きかいの なかに かいしゅう しました。まどぐちに おこえがけ ください。',
    'Your card was not taken, so the machine has kept it. Please ask at the counter for it.',
  ),
  'complete.card-left-behind': script(
    'カードがカードリーダーに残っています。お取りください。',
    'カードが カードリーダーに のこって います。おとり ください。',
    'Your card is still in the card reader. Please take it.',
  ),
  'complete.reference': script('お問い合わせ番号は、', 'おといあわせ ばんごうは、', 'Your reference number is'),
  'complete.reference-end': script(
    'です。お問い合わせの際にお伝えください。',
    'です。おといあわせの さいに おつたえ ください。',
    'Please quote it with any enquiry.',
  ),
  'complete.failed': script(
    'お手続きを完了できませんでした。情報は提供できていません。お手数ですが、窓口にお声がけください。',
    'おてつづきを かんりょう できません でした。じょうほうは ていきょう できて いません。おてすう ですが、まどぐちに おこえがけ ください。',
    'The procedure could not be completed; your information was not provided. Please ask at the counter.',
  ),
  'complete.receipt': script('受付番号は、', 'うけつけ ばんごうは、', 'Your receipt number is'),
  'complete.receipt-end': script(
    'です。お問い合わせの際に必要です。',
    'です。おといあわせの さいに ひつよう です。',
    'You need it if you contact the bank.',
  ),
  'slip.printing': script('控えを印刷しています。', 'ひかえを いんさつ しています。', 'Printing your receipt slip.'),
  'slip.printed': script(
    '控えを印刷しました。お取りください。',
    'ひかえを いんさつ しました。おとり ください。',
    'Your receipt slip is printed. Please take it.',
  ),
  'slip.failed': script(
    '控えを印刷できませんでした。受付番号は、窓口でもお調べできます。',
    'ひかえを いんさつ できません でした。うけつけ ばんごうは、まどぐちでも おしらべ できます。',
    'Your receipt slip could not be printed. The counter can look up your receipt number.',
  ),
  'slip.none': script(
    'この端末では、控えは印刷されません。',
    'この たんまつ では、ひかえは いんさつ されません。',
    'This terminal does not print a receipt slip.',
  ),
  'keys.close': script('終わるには、確定キーを押してください。', 'おわるには、かくてい キーを おしてください。', 'To finish, press Enter.'),

  'idle-warning': script(
    'お手続きを続けますか。続ける場合は、画面の、続けるを押してください。このままですと、まもなく中止します。',
    'おてつづきを つづけますか。つづける ばあいは、がめんの、つづけるを おして ください。このままですと、まもなく ちゅうし します。',
    'Do you want to continue? To continue, press Continue on the screen. Otherwise the procedure will stop shortly.',
  ),
  'keys.idle-warning': script(
    '続けるには、どれかのキーを押してください。中止するには、取消キーを押してください。',
    'つづけるには、どれかの キーを おして ください。ちゅうし するには、とりけし キーを おして ください。',
    'To continue, press any key. To stop, press Cancel.',
  ),

  unavailable: script(
    'ただいま情報を取得できません。マイナポータルまたは関連システムが停止している時間帯です。再開の時間は画面に表示しています。窓口でもお尋ねいただけます。',
    'ただいま じょうほうを しゅとく できません。マイナポータル または かんれん システムが ていし している じかんたい です。さいかいの じかんは がめんに ひょうじ しています。まどぐち でも おたずね いただけます。',
    'The information cannot be obtained at this time: Mynaportal or a related system is stopped. The time it starts again is on the screen; you can also ask at the counter.',
  ),

  'card-error.not-my-number-card': script(
    'このカードはマイナンバーカードではありません。カードをお返しします。マイナンバーカードをお使いください。',
    'この カードは マイナンバーカードでは ありません。カードを おかえし します。マイナンバーカードを おつかい ください。',
    'This card is not a My Number card. It is being returned. Please use your My Number card.',
  ),
  'card-error.smartphone': script(
    'スマートフォン用電子証明書は、この端末ではご利用いただけません。マイナンバーカードをお使いください。',
    'スマートフォンよう でんし しょうめいしょは、この たんまつでは ごりよう いただけません。マイナンバーカードを おつかい ください。',
    'Smartphone certificates cannot be used here. Please use your My Number card.',
  ),
  'card-error.expired': script(
    'このカードの電子証明書は有効期限が切れています。市区町村の窓口で更新してください。カードをお返しします。',
    'この カードの でんし しょうめいしょは ゆうこう きげんが きれて います。しくちょうそんの まどぐちで こうしん してください。カードを おかえし します。',
    'The certificate on this card has expired. Please renew it at your municipal office. Your card is being returned.',
  ),
  'card-error.not-yet-valid': script(
    'このカードの電子証明書は、まだ有効になっていません。カードをお返しします。',
    'この カードの でんし しょうめいしょは、まだ ゆうこうに なって いません。カードを おかえし します。',
    'The certificate on this card is not valid yet. Your card is being returned.',
  ),
  'card-error.revoked': script(
    'このカードの電子証明書は失効しています。市区町村の窓口にお問い合わせください。カードをお返しします。',
    'この カードの でんし しょうめいしょは しっこう して います。しくちょうそんの まどぐちに おといあわせ ください。カードを おかえし します。',
    'The certificate on this card has been revoked. Please ask your municipal office. Your card is being returned.',
  ),
  'card-error.untrusted': script(
    'このカードの電子証明書を確認できませんでした。窓口にお声がけください。カードをお返しします。',
    'この カードの でんし しょうめいしょを かくにん できません でした。まどぐちに おこえがけ ください。カードを おかえし します。',
    'The certificate on this card could not be verified. Please ask at the counter. Your card is being returned.',
  ),
  'card-error.mute': script(
    'カードを読み取れませんでした。カードの向きを確かめて、もう一度入れてください。カードをお返しします。',
    'カードを よみとれ ません でした。カードの むきを たしかめて、もういちど いれて ください。カードを おかえし します。',
    'The card could not be read. Please check which way round it goes and insert it again. Your card is being returned.',
  ),
  'card-error.damaged': script(
    'カードを読み取れませんでした。カードが傷んでいるおそれがあります。窓口か、市区町村にお問い合わせください。カードをお返しします。',
    'カードを よみとれ ません でした。カードが いたんで いる おそれが あります。まどぐちか、しくちょうそんに おといあわせ ください。カードを おかえし します。',
    'The card could not be read; it may be damaged. Please ask at the counter or your municipal office. Your card is being returned.',
  ),
  'card-error.unresponsive': script(
    'カードが途中で応答しなくなりました。もう一度お試しいただき、続く場合は窓口にお声がけください。カードをお返しします。',
    'カードが とちゅうで おうとう しなく なりました。もういちど おためし いただき、つづく ばあいは まどぐちに おこえがけ ください。カードを おかえし します。',
    'The card stopped responding. Please try again; if it happens again, ask at the counter. Your card is being returned.',
  ),

  'pin-blocked': script(
    '暗証番号がロックされています。お住まいの市区町村の窓口で、暗証番号を設定し直してください。マイナンバーカードをお持ちください。カードをお返しします。',
    'あんしょう ばんごうが ロック されて います。おすまいの しくちょうそんの まどぐちで、あんしょう ばんごうを せってい しなおして ください。マイナンバーカードを おもち ください。カードを おかえし します。',
    'Your PIN is locked. Please have it reset at your municipal office, bringing your My Number card. Your card is being returned.',
  ),

  // Said where the bank configured what it offers instead (config pinBlockedAlternative): its own
  // words are on the screen, and a bank that records its narration can say them under this id.
  'pin-blocked.alternative': script(
    '当行では、ほかのお手続きの方法もご用意しています。画面に表示しています。',
    'とうこう では、ほかの おてつづきの ほうほうも ごよう い しています。がめんに ひょうじ しています。',
    'The bank also offers another way to do this; it is shown on the screen.',
  ),

  'retrieval-error.no-information': script(
    '提供できる情報がありませんでした。',
    'ていきょう できる じょうほうが ありません でした。',
    'There was no information to provide.',
  ),
  'retrieval-error.unavailable': script(
    'マイナポータルから情報を取得できませんでした。',
    'マイナポータルから じょうほうを しゅとく できません でした。',
    'The information could not be obtained from Mynaportal.',
  ),
  'retrieval-error.timeout': script(
    '情報の取得に時間がかかっています。',
    'じょうほうの しゅとくに じかんが かかって います。',
    'Obtaining the information is taking too long.',
  ),
  'retrieval-error.not-registered': script(
    'マイナポータルの利用者登録がお済みでないため、情報を取得できませんでした。スマートフォンなどで利用者登録をしてから、もう一度お越しください。',
    'マイナポータルの りようしゃ とうろくが おすみで ないため、じょうほうを しゅとく できません でした。スマートフォン などで りようしゃ とうろくを してから、もういちど おこし ください。',
    'You are not registered with Mynaportal yet, so the information could not be obtained. Please register, for example on a smartphone, and come again.',
  ),
  'retrieval-error.refused': script(
    'マイナポータルが、このお手続きへの情報の提供を受け付けませんでした。',
    'マイナポータルが、この おてつづきへの じょうほうの ていきょうを うけつけ ません でした。',
    'Mynaportal did not accept the request for this procedure.',
  ),
  'retrieval-error.gateway': script(
    '銀行のシステムとの通信ができませんでした。',
    'ぎんこうの システムとの つうしんが できません でした。',
    'The bank’s system could not be reached.',
  ),
  'keys.retry': script(
    'もう一度試すには確定キーを、やめるには取消キーを押してください。',
    'もういちど ためすには かくてい キーを、やめるには とりけし キーを おして ください。',
    'To try again, press Enter. To stop, press Cancel.',
  ),

  'card-removed': script(
    'カードが取り出されたため、お手続きを中止しました。',
    'カードが とりだされた ため、おてつづきを ちゅうし しました。',
    'The card was taken out, so the procedure was stopped.',
  ),
  'card-swapped': script(
    '最初に入れたカードと違うカードです。お手続きを中止しました。カードをお返しします。',
    'さいしょに いれた カードと ちがう カード です。おてつづきを ちゅうし しました。カードを おかえし します。',
    'This is not the card you inserted first, so the procedure was stopped. The card is being returned.',
  ),

  'reader-lost': script(
    'カードリーダーが応答しなくなったため、お手続きを中止しました。カードをお返しします。お取りください。カードが戻らない場合は、係員をお呼びください。',
    'カードリーダーが おうとう しなく なった ため、おてつづきを ちゅうし しました。カードを おかえし します。おとり ください。カードが もどらない ばあいは、かかりいんを およびください。',
    'The card reader stopped responding, so the procedure was stopped. Your card is being returned; please take it. If it does not come back, please call a member of staff.',
  ),

  'ended.cancelled': ENDED.cancelled,
  'ended.declined': ENDED.declined,
  'ended.timeout': ENDED.timeout,
  'ended.error': ENDED.error,
  'ended.expired': script(
    '確認の期限を過ぎたため、情報は提供していません。お手続きを終了しました。',
    'かくにんの きげんを すぎた ため、じょうほうは ていきょう して いません。おてつづきを しゅうりょう しました。',
    'The time to confirm had passed, so nothing was provided. The procedure has ended.',
  ),
  'data-deletion-requested': script(
    '取得した情報の削除を依頼しました。',
    'しゅとく した じょうほうの さくじょを いらい しました。',
    'Deletion of the information obtained has been requested.',
  ),
  'data-deleted': script(
    '取得した情報は削除しました。',
    'しゅとく した じょうほうは さくじょ しました。',
    'The information obtained was deleted.',
  ),

  'returning-card': script(
    'カードをお返しします。カードをお取りください。',
    'カードを おかえし します。カードを おとり ください。',
    'Your card is coming back. Please take your card.',
  ),
  'returning-card.reminder': script(
    'カードが出ています。カードをお取りください。',
    'カードが でて います。カードを おとり ください。',
    'Your card is waiting for you. Please take your card.',
  ),
  'returning-card.final-capture': script(
    'まもなく、カードを機械の中に回収します。今すぐカードをお取りください。',
    'まもなく、カードを きかいの なかに かいしゅう します。いますぐ カードを おとり ください。',
    'Your card will soon be taken back into the machine. Please take your card now.',
  ),
  'returning-card.final-staff': script(
    'カードが残っています。今すぐカードをお取りください。お取りにならない場合は、係員がお預かりします。',
    'カードが のこって います。いますぐ カードを おとり ください。おとりに ならない ばあいは、かかりいんが おあずかり します。',
    'Your card is still in the reader. Please take it now. Otherwise, staff will keep it for you.',
  ),

  'wrong-card.not-my-number-card': script(
    'このカードはマイナンバーカードではありません。カードをお返しします。',
    'この カードは マイナンバーカードでは ありません。カードを おかえし します。',
    'This card is not a My Number card. It is being returned.',
  ),
  'wrong-card.smartphone': script(
    'スマートフォンは、この端末ではお使いいただけません。',
    'スマートフォンは、この たんまつでは おつかい いただけません。',
    'A smartphone cannot be used here.',
  ),
  'wrong-card.mute': script(
    'カードを読み取れませんでした。カードをお返しします。',
    'カードを よみとれ ません でした。カードを おかえし します。',
    'The card could not be read. It is being returned.',
  ),
  'wrong-card.again': script(
    'カードをお取りになってから、マイナンバーカードを、表を上にして、もう一度入れてください。',
    'カードを おとりに なってから、マイナンバーカードを、おもてを うえに して、もういちど いれて ください。',
    'Please take it, then insert your My Number card, face up.',
  ),
  'wrong-card.limit': script(
    'マイナンバーカードを確認できなかったため、お手続きを終了しました。窓口にお声がけください。',
    'マイナンバーカードを かくにん できなかった ため、おてつづきを しゅうりょう しました。まどぐちに おこえがけ ください。',
    'No My Number card could be read, so the procedure has ended. Please ask at the counter.',
  ),

  'card-left-behind': script(
    'カードが残っています。係員がお預かりします。窓口にお声がけください。',
    'カードが のこって います。かかりいんが おあずかり します。まどぐちに おこえがけ ください。',
    'A card was left in the machine. Staff will keep it safe; please ask at the counter.',
  ),
  'card-retained': script(
    'カードは機械の中でお預かりしています。窓口にお声がけください。',
    'カードは きかいの なかで おあずかり して います。まどぐちに おこえがけ ください。',
    'Your card is kept inside the machine. Please ask at the counter.',
  ),
  ...SPELLING_SCRIPTS,
} as const satisfies Readonly<Record<string, VoiceScript>>;

export type ScriptId = keyof typeof VOICE_SCRIPTS;

export const SCRIPT_IDS = Object.keys(VOICE_SCRIPTS) as ScriptId[];

export const isScriptId = (id: string): id is ScriptId => Object.hasOwn(VOICE_SCRIPTS, id);

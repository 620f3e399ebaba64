// Every text the customer reads, in Japanese first and English. Components take text only
// from here; the English catalog has to have every key the Japanese one has.

const ja = {
  app: {
    source: 'マイナポータルから情報を取得します',
    cancel: '取消',
    language: 'English',
    languageLabel: 'Switch to English',
  },
  attract: {
    title: 'マイナポータルからの情報提出',
    lead: 'マイナンバーカードで、所得情報を銀行へ提出できます',
    touch: '画面にタッチしてください',
    needs: 'ご用意いただくもの：マイナンバーカード・利用者証明用電子証明書の暗証番号（数字4桁）',
  },
  // No service can retrieve now (operating hours): said on the attract loop and the top screen.
  closed: {
    title: 'ただいまの時間はご利用いただけません',
    reopens: (when: string) => `${when}から ご利用いただけます`,
  },
  outOfService: {
    title: '現在ご利用いただけません',
    'no-reader': 'カードリーダーを確認しています。しばらくお待ちください。',
    'gateway-down': '通信を確認しています。しばらくお待ちください。',
    operator: 'ただいま点検中です。',
    'setup-fault': 'この端末は現在ご利用いただけません。窓口にお声がけください。',
    disconnected: '画面と端末の接続を確認しています。しばらくお待ちください。続く場合は窓口にお声がけください。',
    /** What staff chose for customers to read while out of service (maintenance menu); where to turn follows (counter help). */
    notices: {
      maintenance: 'ただいま点検中です。',
      'closed-today': '本日の受付は終了しました。またのご利用をお待ちしております。',
      'system-fault': 'システム障害のため、ただいまご利用いただけません。',
      'card-left-behind': 'カードのお忘れがあったため、係員が確認するまでご利用いただけません。',
    },
  },
  top: {
    title: 'お手続きを選んでください',
    start: 'マイナポータルからの情報提出',
    startHint: 'マイナンバーカードを使って、行政機関等が持つあなたの情報を取得し、当行へ提出します',
  },
  serviceChoice: {
    title: '提出先のサービスを選んでください',
    unavailable: (when: string) => `ただいまご利用いただけません（${when} から）`,
    unavailableUnknown: 'ただいまご利用いただけません',
  },
  // What the customer agrees to (the statement itself) is electron/common/consent-text.ts.
  confirmation: {
    title: '情報の取得と提供について',
    items: '取得する情報',
    agree: '同意して進む',
    back: '戻る',
  },
  insertCard: {
    title: 'マイナンバーカードを入れてください',
    lead: 'カードの表面を上にして、矢印の向きに差し込んでください',
    // Only a reader that draws the card in can keep it; a desk reader's card stays in reach.
    heldInside: '手続きが終わるまで、カードは機械の中でお預かりします',
    leaveInReader: '手続きが終わるまで、カードはカードリーダーに差し込んだままにしてください',
  },
  working: {
    'checking-service': 'ご利用いただけるか確認しています',
    'reading-card': 'カードを読み取っています',
    authenticating: '本人確認をしています',
    retrieving: 'マイナポータルから情報を取得しています',
    'checking-card': 'カードを確認しています',
    wait: 'しばらくお待ちください',
  },
  // The step band on every screen of the procedure (renderer/components/Steps.tsx): short, so all fit one line.
  steps: {
    label: 'お手続きの流れ',
    service: 'サービス選択',
    consent: '同意',
    card: 'カード',
    identity: '本人確認',
    obtain: '情報取得',
    review: '内容確認',
    provide: '提供',
  },
  pin: {
    // 図3.3-5 calls it パスワード; 暗証番号 is the word most customers know.
    title: 'パスワード（暗証番号）を入力してください',
    lead: 'カード受取時に設定した利用者証明用電子証明書のパスワード（数字4桁）を入力してください',
    triesLeft: (tries: number) => `あと${String(tries)}回間違えると暗証番号がロックされます`,
    lastTry: '次に間違えると暗証番号がロックされます。わからない場合は「取消」を押してください。',
    wrong: '暗証番号が違います',
    correct: '訂正',
    submit: '確定',
    digitsEntered: (count: number) => `${String(count)} 桁入力済み`,
    keyboardHint: 'テンキーでも入力できます',
  },
  review: {
    title: '情報提供可否の確認',
    item: '項目',
    value: '内容',
    confirm: '確認（提供する）',
    decline: '提供しない',
    noInformation: '情報なし',
    items: '提供する情報',
    more: '▼ 続きを見る',
    seeAll: 'すべてご覧いただくと「確認」を押せます',
  },
  finishing: {
    sending: '情報を提供しています',
    wait: 'しばらくお待ちください',
    takeCard: 'カードをお取りください',
    cardNotice: 'カードのお取り忘れにご注意ください',
  },
  complete: {
    // Only the bank's acknowledgement completes the procedure.
    title: 'お手続きが完了しました',
    receipt: (id: string) => `受付番号 ${id}`,
    receiptNote: '受付番号はお問い合わせの際に必要です。お控えください。',
    sendingTitle: '銀行への送信を続けています',
    reference: (id: string) => `お問い合わせ番号 ${id}`,
    referenceNote: 'お問い合わせの際は、この番号をお伝えください。',
    sending: (until: string) => `${until}までに銀行へ届かなかった場合、情報は提供されず、この端末から削除されます。`,
    failedTitle: '情報を提供できませんでした',
    failed: '情報は提供されていません。',
    thanks: 'ご利用ありがとうございました',
  },
  // Where a screen sends the customer to the counter: only while staff are there.
  counter: {
    ask: '窓口にお声がけください。',
    askIfAgain: 'うまくいかない場合は、窓口にお声がけください。',
    call: (phone: string) => `ただいま窓口は営業時間外です。お手数ですが、${phone} までお電話ください。`,
  },
  idle: {
    title: 'お手続きを続けますか',
    countdown: (seconds: number) => `${String(seconds)}秒後にお手続きを中止します`,
    continue: '続ける',
  },
  unavailable: {
    title: 'ただいま情報を取得できません',
    lead: 'マイナポータルまたは関連システムが停止している時間帯です。',
    next: (when: string) => `次にご利用いただける時間：${when}`,
    unknown: '再開の時間はまだわかりません。',
  },
  cardError: {
    title: 'このカードはご利用いただけません',
    // A fault of the card or of its insertion, not a card of the wrong kind: say what happened.
    unreadTitle: 'カードを読み取れませんでした',
    // Shown while the card comes back: the reader ejects it, or the customer takes it out.
    returned: 'カードをお返しします。お取りください。',
    'not-my-number-card': 'このカードはマイナンバーカードではありません。マイナンバーカードを入れてください。',
    smartphone: 'スマートフォン用電子証明書は、この端末ではご利用いただけません。マイナンバーカードをお使いください。',
    expired: '利用者証明用電子証明書の有効期限が切れています。お住まいの市区町村の窓口で更新してください。',
    'not-yet-valid': '利用者証明用電子証明書がまだ有効になっていません。',
    revoked: '利用者証明用電子証明書が失効しています。お住まいの市区町村の窓口にお問い合わせください。',
    untrusted: 'カードの電子証明書を確認できませんでした。',
    mute: 'カードの向き（表面を上にして、矢印の向き）を確かめて、もう一度お試しください。',
    unresponsive: 'カードが途中で応答しなくなりました。もう一度お試しください。',
    damaged: 'カードが傷んでいるおそれがあります。お住まいの市区町村の窓口でも確認できます。',
  },
  pinBlocked: {
    title: '暗証番号がロックされています',
    lead: '利用者証明用電子証明書の暗証番号は、お住まいの市区町村の窓口で再設定できます。',
    bring: 'マイナンバーカードをお持ちください。',
  },
  retrievalError: {
    title: '情報を取得できませんでした',
    registerTitle: 'マイナポータルの利用者登録が必要です',
    'no-information': 'マイナポータルに該当する情報がありませんでした。',
    unavailable: 'マイナポータルまたは関連システムから応答がありませんでした。',
    timeout: '時間内に応答がありませんでした。',
    gateway: '通信エラーが発生しました。',
    'not-registered':
      'マイナポータルの利用者登録がお済みでないため、情報を取得できませんでした。スマートフォンなどでマイナポータルの利用者登録をしてから、もう一度お越しください。',
    refused: 'マイナポータルが、このお手続きへの情報の提供を受け付けませんでした。',
    retry: 'もう一度試す',
  },
  cardRemoved: {
    title: 'カードが取り出されました',
    lead: '安全のため、お手続きを中止しました。最初からやり直してください。',
  },
  readerLost: {
    title: 'カードリーダーが応答しなくなりました',
    lead: '安全のため、お手続きを中止しました。',
    returned: 'カードをお返しします。お取りください。カードが戻らない場合は、係員をお呼びください。',
  },
  cardSwapped: {
    title: '最初に入れたカードと異なります',
    lead: '本人確認をしたカードと異なるため、情報は提供していません。お手続きを中止しました。',
  },
  ended: {
    cancelled: 'お手続きを中止しました',
    declined: '情報は提供していません。お手続きを終了しました。',
    timeout: '一定時間操作がなかったため、お手続きを中止しました',
    error: 'お手続きを中止しました',
    expired: '確認の期限を過ぎたため、情報は提供していません。お手続きを終了しました。',
    // Only once the gateway confirmed it; until then, that it was asked for.
    deleted: '取得した情報は削除しました',
    deletionRequested: '取得した情報の削除を依頼しました',
  },
  returningCard: {
    title: 'カードをお取りください',
  },
  cardLeftBehind: {
    title: 'カードのお取り忘れがあります',
    lead: 'カードには触れないでください。',
  },
  cardRetained: {
    title: 'カードをお預かりしました',
    lead: 'カードは機械の中に保管しました。係員がお返しします。',
  },
  // One word per meaning, on every screen: 取消 (app.cancel) stops the whole procedure, 戻る
  // goes to the previous screen, 提供しない declines at the review, 閉じる dismisses a notice.
  // Never 「確認」 for any of them: on this kiosk that word means consent (the review screen).
  common: {
    close: '閉じる',
  },
  // The customer's display modes, switched on the first screens.
  display: {
    largeText: '文字を大きく',
    highContrast: '白黒反転',
    label: '画面の見やすさ',
  },
  // The receipt slip, on the completion screen where the terminal has a printer.
  slip: {
    printing: '控えを印刷しています',
    printed: '控えを印刷しました。お取りください。',
    failed: '控えを印刷できませんでした。受付番号をお控えください。窓口でもお調べできます。',
    none: 'この端末では控えは印刷されません。受付番号をお控えください。',
  },
};

export type Messages = typeof ja;

const en: Messages = {
  app: {
    source: 'Your information is obtained from Mynaportal',
    cancel: 'Cancel',
    language: '日本語',
    languageLabel: '日本語に切り替える',
  },
  attract: {
    title: 'Submit information from Mynaportal',
    lead: 'Submit your income information to the bank using your My Number card',
    touch: 'Touch the screen to begin',
    needs: 'You need: your My Number card and its 4-digit user-authentication PIN',
  },
  closed: {
    title: 'Not available at this time',
    reopens: (when: string) => `Available from ${when}`,
  },
  outOfService: {
    title: 'Not available at the moment',
    'no-reader': 'Checking the card reader. Please wait a moment.',
    'gateway-down': 'Checking the connection. Please wait a moment.',
    operator: 'Under maintenance.',
    'setup-fault': 'This terminal is not available. Please ask at the counter.',
    disconnected: 'Reconnecting the screen to the terminal. Please wait a moment; if this goes on, please ask at the counter.',
    notices: {
      maintenance: 'Under maintenance.',
      'closed-today': 'We have closed for today. We look forward to seeing you again.',
      'system-fault': 'Not available because of a system fault.',
      'card-left-behind': 'A card was left in the reader: this terminal cannot be used until staff have checked it.',
    },
  },
  top: {
    title: 'Choose a procedure',
    start: 'Submit information from Mynaportal',
    startHint: 'Using your My Number card, obtain your information held by public bodies and submit it to the bank',
  },
  serviceChoice: {
    title: 'Choose where to submit your information',
    unavailable: (when: string) => `Not available now (from ${when})`,
    unavailableUnknown: 'Not available now',
  },
  confirmation: {
    title: 'Obtaining and providing your information',
    items: 'Information obtained',
    agree: 'Agree and continue',
    back: 'Back',
  },
  insertCard: {
    title: 'Insert your My Number card',
    lead: 'Face up, in the direction of the arrows',
    heldInside: 'The card stays inside the machine until you have finished',
    leaveInReader: 'Please leave the card in the reader until you have finished',
  },
  working: {
    'checking-service': 'Checking availability',
    'reading-card': 'Reading your card',
    authenticating: 'Verifying your identity',
    retrieving: 'Obtaining your information from Mynaportal',
    'checking-card': 'Checking your card',
    wait: 'Please wait',
  },
  steps: {
    label: 'Progress',
    service: 'Service',
    consent: 'Consent',
    card: 'Card',
    identity: 'Identity',
    obtain: 'Obtaining',
    review: 'Review',
    provide: 'Providing',
  },
  pin: {
    title: 'Enter your password (PIN)',
    lead: 'The 4-digit password of your user-authentication certificate, set when you received your card',
    triesLeft: (tries: number) => `Your PIN will be locked after ${String(tries)} more wrong entries`,
    lastTry: 'One more wrong entry will lock your PIN. If you are not sure, press Cancel.',
    wrong: 'Wrong PIN',
    // 訂正 takes back the last digit: "Correction", as on Japanese ATMs' PIN pads ("Delete"
    // sounds like wiping everything; "Correct" could be read as "this is right", beside OK).
    correct: 'Correction',
    // 確定: not "Enter", which is also a key on the keyboard.
    submit: 'OK',
    digitsEntered: (count: number) => `${String(count)} digits entered`,
    keyboardHint: 'You can also use the number pad',
  },
  review: {
    title: 'Confirm what will be provided',
    item: 'Item',
    value: 'Value',
    confirm: 'Confirm (provide)',
    decline: 'Do not provide',
    noInformation: 'No information',
    items: 'Information to be provided',
    more: '▼ Show more',
    seeAll: 'Scroll to the end to enable Confirm',
  },
  finishing: {
    sending: 'Providing your information',
    wait: 'Please wait',
    takeCard: 'Please take your card',
    cardNotice: 'Do not forget your card',
  },
  complete: {
    title: 'Your information has been provided',
    receipt: (id: string) => `Receipt number ${id}`,
    receiptNote: 'Please note the receipt number: you will need it for any enquiry.',
    sendingTitle: 'Still sending to the bank',
    reference: (id: string) => `Reference number ${id}`,
    referenceNote: 'Please quote this number with any enquiry.',
    sending: (until: string) => `If it has not reached the bank by ${until}, nothing is provided and it is deleted from this terminal.`,
    failedTitle: 'Your information could not be provided',
    failed: 'Nothing has been provided.',
    thanks: 'Thank you',
  },
  counter: {
    ask: 'Please ask at the counter.',
    askIfAgain: 'If it does not work, please ask at the counter.',
    call: (phone: string) => `The counter is closed now. Please call ${phone}.`,
  },
  idle: {
    title: 'Do you want to continue?',
    countdown: (seconds: number) => `The procedure will stop in ${String(seconds)} seconds`,
    continue: 'Continue',
  },
  unavailable: {
    title: 'Information cannot be obtained now',
    lead: 'Mynaportal or a related system is not running at this time.',
    next: (when: string) => `Available again: ${when}`,
    unknown: 'It is not known yet when it will be available again.',
  },
  cardError: {
    title: 'This card cannot be used',
    unreadTitle: 'Your card could not be read',
    returned: 'Your card is being returned. Please take it.',
    'not-my-number-card': 'This is not a My Number card. Please insert your My Number card.',
    smartphone: 'Smartphone certificates cannot be used at this kiosk. Please use your My Number card.',
    expired: 'Your user-authentication certificate has expired. Please renew it at your municipal office.',
    'not-yet-valid': 'Your user-authentication certificate is not valid yet.',
    revoked: 'Your user-authentication certificate has been revoked. Please contact your municipal office.',
    untrusted: 'Your card’s certificate could not be verified.',
    mute: 'Check that the card is face up and inserted in the direction of the arrows, then try again.',
    unresponsive: 'The card stopped responding. Please try again.',
    damaged: 'The card may be damaged. Your municipal office can also check it.',
  },
  pinBlocked: {
    title: 'Your PIN is locked',
    lead: 'The PIN of your user-authentication certificate can be reset at your municipal office.',
    bring: 'Please bring your My Number card.',
  },
  retrievalError: {
    title: 'Your information could not be obtained',
    registerTitle: 'You need to register with Mynaportal',
    'no-information': 'No matching information was found in Mynaportal.',
    unavailable: 'Mynaportal or a related system did not answer.',
    timeout: 'There was no answer in time.',
    gateway: 'A communication problem occurred.',
    'not-registered':
      'Your information could not be obtained because you have not registered with Mynaportal yet. Please register with Mynaportal first, for example on your smartphone, then come back.',
    refused: 'Mynaportal did not accept the request for this procedure.',
    retry: 'Try again',
  },
  cardRemoved: {
    title: 'The card was removed',
    lead: 'For your safety the procedure was stopped. Please start again.',
  },
  readerLost: {
    title: 'The card reader stopped responding',
    lead: 'For your safety the procedure was stopped.',
    returned: 'Your card is being returned. Please take it. If it does not come back, please call a member of staff.',
  },
  cardSwapped: {
    title: 'A different card was inserted',
    lead: 'This is not the card used to verify your identity, so nothing was provided. The procedure was stopped.',
  },
  ended: {
    cancelled: 'The procedure was cancelled',
    declined: 'Nothing was provided. The procedure has ended.',
    timeout: 'The procedure was stopped because there was no input for a while',
    error: 'The procedure was stopped',
    expired: 'The time to confirm had passed, so nothing was provided. The procedure has ended.',
    deleted: 'The information obtained has been deleted',
    deletionRequested: 'Deletion of the information obtained has been requested',
  },
  returningCard: {
    title: 'Please take your card',
  },
  cardLeftBehind: {
    title: 'A card was left in the machine',
    lead: 'Please do not touch the card.',
  },
  cardRetained: {
    title: 'Your card has been kept',
    lead: 'Your card is stored safely inside the machine. A member of staff will return it to you.',
  },
  common: {
    close: 'Close',
  },
  display: {
    largeText: 'Larger text',
    highContrast: 'High contrast',
    label: 'Easier to read',
  },
  slip: {
    printing: 'Printing your receipt slip',
    printed: 'Your receipt slip is printed. Please take it.',
    failed: 'Your receipt slip could not be printed. Please note the receipt number; the counter can also look it up.',
    none: 'This terminal does not print a receipt slip. Please note the receipt number.',
  },
};

export const MESSAGES = { ja, en } as const;

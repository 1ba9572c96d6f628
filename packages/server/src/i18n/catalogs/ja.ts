import type { SdkMessageKey } from '../sdk-messages.js';

export const ja: Record<SdkMessageKey, string> = {
  'The AI service is receiving too many requests right now. Please wait a moment and try again.':
    'AI サービスに現在リクエストが集中しています。しばらく待ってからもう一度お試しください。',
  'The assistant has used up its AI service quota. Please contact the site administrator.':
    'アシスタントは AI サービスの利用上限に達しました。サイト管理者にお問い合わせください。',
  'The AI service took too long to respond. Please try again.':
    'AI サービスの応答に時間がかかりすぎました。もう一度お試しください。',
  'The AI service could not be reached. Please try again in a moment.':
    'AI サービスに接続できませんでした。しばらくしてからもう一度お試しください。',
  'The AI service is temporarily unavailable. Please try again in a few moments.':
    'AI サービスは一時的に利用できません。少し待ってからもう一度お試しください。',
  'The AI service could not process this request. Try rephrasing your message or removing attachments.':
    'AI サービスはこのリクエストを処理できませんでした。メッセージを言い換えるか、添付ファイルを削除してください。',
  'This conversation is too long for the model. Please start a new thread or shorten your message.':
    'この会話はモデルには長すぎます。新しいスレッドを始めるか、メッセージを短くしてください。',
  'The assistant is not configured correctly: the AI service rejected its credentials. Please contact the site administrator.':
    'アシスタントの設定に誤りがあります。AI サービスが認証情報を拒否しました。サイト管理者にお問い合わせください。',
  'The assistant is not allowed to use this model or feature. Please contact the site administrator.':
    'アシスタントにはこのモデルまたは機能の使用が許可されていません。サイト管理者にお問い合わせください。',
  'The selected model is not available. Please choose another model or contact the site administrator.':
    '選択したモデルは利用できません。別のモデルを選ぶか、サイト管理者にお問い合わせください。',
  'Your message is too long ({length} characters). Please shorten it to {max} characters or fewer and try again.':
    'メッセージが長すぎます（{length} 文字）。{max} 文字以内に短くして、もう一度お試しください。',
  'The model "{model}" is not available. Please choose another model.':
    'モデル「{model}」は利用できません。別のモデルを選んでください。',
  'The tool "{tool}" is not available.': 'ツール「{tool}」は利用できません。',
  'Please complete the form above first — or choose “Use your best judgement” or “Cancel” — and I will continue.':
    'まず上のフォームに入力してください（または「お任せします」か「キャンセル」を選んでください）。その後に続けます。',
  'The assistant could not show the form it prepared (its description was invalid). Please try again or rephrase your request.':
    'アシスタントが用意したフォームを表示できませんでした（内容が無効でした）。もう一度試すか、依頼を言い換えてください。',
  Submit: '送信',
  'Use your best judgement': 'お任せします',
  Cancel: 'キャンセル',
  Submitted: '送信済み',
  'Best judgement': 'お任せ',
  Cancelled: 'キャンセル済み',
  'You asked the assistant to use its best judgement.': 'アシスタントに判断を任せました。',
  'You cancelled this form.': 'このフォームをキャンセルしました。',
  'Please check this box.': 'このボックスにチェックを入れてください。',
  'This field is required.': 'この項目は必須です。',
  'Choose one of the options.': '選択肢から 1 つ選んでください。',
  'Enter a valid date.': '有効な日付を入力してください。',
  'Keep it under {max} characters.': '{max} 文字以内で入力してください。',
};

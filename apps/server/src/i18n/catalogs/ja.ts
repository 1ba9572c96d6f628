import type { AppMessageKey } from '../app-messages.js';

export const ja: Record<AppMessageKey, string> = {
  'Analyzing your request…': 'リクエストを分析しています…',
  'Preparing a response…': '回答を準備しています…',
  'Searching for "{query}"…': '「{query}」を検索しています…',
  'Searching knowledge base…': 'ナレッジベースを検索しています…',
  'Finding quotes for "{query}"…': '「{query}」の引用を探しています…',
  'Finding relevant quotes…': '関連する引用を探しています…',
  'Saving to memory…': 'メモリに保存しています…',
  'Recalling from memory…': 'メモリから呼び出しています…',
  'Checking the time…': '時刻を確認しています…',
  'Calculating…': '計算しています…',
  'Executing {tool}…': '{tool} を実行しています…',
  'No model configured': 'モデルが設定されていません',
  'This server has no AI model configured, so it cannot answer yet. Set `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL` and `THREADLINE_MODEL`) and restart the server, or start it with `--demo` (or `THREADLINE_DEMO=1`) to try the interface with an offline demo model.':
    'このサーバーには AI モデルが設定されていないため、まだ回答できません。`OPENAI_API_KEY`（必要に応じて `OPENAI_BASE_URL` と `THREADLINE_MODEL`）を設定してサーバーを再起動するか、`--demo`（または `THREADLINE_DEMO=1`）で起動してオフラインのデモモデルでインターフェースを試してください。',
  'The assistant could not read **{name}**: its file type is not supported.':
    'アシスタントは **{name}** を読み取れませんでした。このファイル形式には対応していません。',
  'The assistant could not read **{name}**: its content could not be read.':
    'アシスタントは **{name}** を読み取れませんでした。内容を読み取れません。',
  'The assistant could not read **{name}**: the file is no longer available.':
    'アシスタントは **{name}** を読み取れませんでした。ファイルはもう利用できません。',
};

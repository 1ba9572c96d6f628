import type { AppMessageKey } from '../app-messages.js';

export const zh: Record<AppMessageKey, string> = {
  'Analyzing your request…': '正在分析您的请求…',
  'Preparing a response…': '正在准备回复…',
  'Searching for "{query}"…': '正在搜索“{query}”…',
  'Searching knowledge base…': '正在搜索知识库…',
  'Finding quotes for "{query}"…': '正在查找“{query}”的引文…',
  'Finding relevant quotes…': '正在查找相关引文…',
  'Saving to memory…': '正在保存到记忆…',
  'Recalling from memory…': '正在从记忆中读取…',
  'Checking the time…': '正在查看时间…',
  'Calculating…': '正在计算…',
  'Executing {tool}…': '正在执行 {tool}…',
  'No model configured': '未配置模型',
  'This server has no AI model configured, so it cannot answer yet. Set `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL` and `THREADLINE_MODEL`) and restart the server, or start it with `--demo` (or `THREADLINE_DEMO=1`) to try the interface with an offline demo model.':
    '此服务器未配置 AI 模型，因此暂时无法回答。请设置 `OPENAI_API_KEY`（以及可选的 `OPENAI_BASE_URL` 和 `THREADLINE_MODEL`）并重启服务器，或使用 `--demo`（或 `THREADLINE_DEMO=1`）启动，用离线演示模型试用界面。',
  'The assistant could not read **{name}**: its file type is not supported.':
    '助手无法读取 **{name}**：不支持该文件类型。',
  'The assistant could not read **{name}**: its content could not be read.':
    '助手无法读取 **{name}**：无法读取其内容。',
  'The assistant could not read **{name}**: the file is no longer available.':
    '助手无法读取 **{name}**：该文件已不可用。',
};

import type { AppMessageKey } from '../app-messages.js';

export const ar: Record<AppMessageKey, string> = {
  'Analyzing your request…': 'جارٍ تحليل طلبك…',
  'Preparing a response…': 'جارٍ إعداد الرد…',
  'Searching for "{query}"…': 'جارٍ البحث عن «{query}»…',
  'Searching knowledge base…': 'جارٍ البحث في قاعدة المعرفة…',
  'Finding quotes for "{query}"…': 'جارٍ البحث عن اقتباسات لـ«{query}»…',
  'Finding relevant quotes…': 'جارٍ البحث عن اقتباسات ذات صلة…',
  'Saving to memory…': 'جارٍ الحفظ في الذاكرة…',
  'Recalling from memory…': 'جارٍ الاسترجاع من الذاكرة…',
  'Checking the time…': 'جارٍ التحقق من الوقت…',
  'Calculating…': 'جارٍ الحساب…',
  'Executing {tool}…': 'جارٍ تنفيذ {tool}…',
  'No model configured': 'لم يُضبط أي نموذج',
  'This server has no AI model configured, so it cannot answer yet. Set `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL` and `THREADLINE_MODEL`) and restart the server, or start it with `--demo` (or `THREADLINE_DEMO=1`) to try the interface with an offline demo model.':
    'لا يوجد نموذج ذكاء اصطناعي مضبوط على هذا الخادم، لذا لا يمكنه الرد بعد. اضبط `OPENAI_API_KEY` (واختياريًا `OPENAI_BASE_URL` و`THREADLINE_MODEL`) ثم أعد تشغيل الخادم، أو شغّله باستخدام `--demo` (أو `THREADLINE_DEMO=1`) لتجربة الواجهة بنموذج تجريبي دون اتصال.',
  'The assistant could not read **{name}**: its file type is not supported.':
    'تعذّر على المساعد قراءة **{name}**: نوع الملف غير مدعوم.',
  'The assistant could not read **{name}**: its content could not be read.':
    'تعذّر على المساعد قراءة **{name}**: تعذّرت قراءة محتواه.',
  'The assistant could not read **{name}**: the file is no longer available.':
    'تعذّر على المساعد قراءة **{name}**: لم يعد الملف متاحًا.',
};

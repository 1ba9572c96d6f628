import type { SdkMessageKey } from '../sdk-messages.js';

export const ar: Record<SdkMessageKey, string> = {
  'The AI service is receiving too many requests right now. Please wait a moment and try again.':
    'تتلقى خدمة الذكاء الاصطناعي طلبات كثيرة جدًا الآن. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.',
  'The assistant has used up its AI service quota. Please contact the site administrator.':
    'استنفد المساعد حصته من خدمة الذكاء الاصطناعي. يُرجى التواصل مع مسؤول الموقع.',
  'The AI service took too long to respond. Please try again.':
    'استغرقت خدمة الذكاء الاصطناعي وقتًا طويلًا للرد. يُرجى المحاولة مرة أخرى.',
  'The AI service could not be reached. Please try again in a moment.':
    'تعذّر الوصول إلى خدمة الذكاء الاصطناعي. يُرجى المحاولة بعد قليل.',
  'The AI service is temporarily unavailable. Please try again in a few moments.':
    'خدمة الذكاء الاصطناعي غير متاحة مؤقتًا. يُرجى المحاولة بعد لحظات.',
  'The AI service could not process this request. Try rephrasing your message or removing attachments.':
    'تعذّر على خدمة الذكاء الاصطناعي معالجة هذا الطلب. جرّب إعادة صياغة رسالتك أو إزالة المرفقات.',
  'This conversation is too long for the model. Please start a new thread or shorten your message.':
    'هذه المحادثة طويلة جدًا بالنسبة إلى النموذج. يُرجى بدء محادثة جديدة أو تقصير رسالتك.',
  'The assistant is not configured correctly: the AI service rejected its credentials. Please contact the site administrator.':
    'إعداد المساعد غير صحيح: رفضت خدمة الذكاء الاصطناعي بيانات اعتماده. يُرجى التواصل مع مسؤول الموقع.',
  'The assistant is not allowed to use this model or feature. Please contact the site administrator.':
    'لا يُسمح للمساعد باستخدام هذا النموذج أو هذه الميزة. يُرجى التواصل مع مسؤول الموقع.',
  'The selected model is not available. Please choose another model or contact the site administrator.':
    'النموذج المحدد غير متاح. يُرجى اختيار نموذج آخر أو التواصل مع مسؤول الموقع.',
  'Your message is too long ({length} characters). Please shorten it to {max} characters or fewer and try again.':
    'رسالتك طويلة جدًا ({length} حرفًا). يُرجى اختصارها إلى {max} حرفًا أو أقل ثم المحاولة مرة أخرى.',
  'The model "{model}" is not available. Please choose another model.':
    'النموذج «{model}» غير متاح. يُرجى اختيار نموذج آخر.',
  'The tool "{tool}" is not available.': 'الأداة «{tool}» غير متاحة.',
  'Please complete the form above first — or choose “Use your best judgement” or “Cancel” — and I will continue.':
    'يُرجى إكمال النموذج أعلاه أولًا — أو اختيار «استخدم أفضل تقدير لديك» أو «إلغاء» — وسأتابع بعدها.',
  'The assistant could not show the form it prepared (its description was invalid). Please try again or rephrase your request.':
    'تعذّر على المساعد عرض النموذج الذي أعدّه (وصفه غير صالح). يُرجى المحاولة مرة أخرى أو إعادة صياغة طلبك.',
  Submit: 'إرسال',
  'Use your best judgement': 'استخدم أفضل تقدير لديك',
  Cancel: 'إلغاء',
  Submitted: 'تم الإرسال',
  'Best judgement': 'أفضل تقدير',
  Cancelled: 'أُلغي',
  'You asked the assistant to use its best judgement.': 'طلبت من المساعد استخدام أفضل تقدير لديه.',
  'You cancelled this form.': 'ألغيت هذا النموذج.',
  'Please check this box.': 'يُرجى تحديد هذا المربع.',
  'This field is required.': 'هذا الحقل مطلوب.',
  'Choose one of the options.': 'اختر أحد الخيارات.',
  'Enter a valid date.': 'أدخل تاريخًا صالحًا.',
  'Keep it under {max} characters.': 'لا تتجاوز {max} حرفًا.',
};

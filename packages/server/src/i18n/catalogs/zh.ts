import type { SdkMessageKey } from '../sdk-messages.js';

export const zh: Record<SdkMessageKey, string> = {
  'The AI service is receiving too many requests right now. Please wait a moment and try again.':
    'AI 服务当前请求过多。请稍候再试。',
  'The assistant has used up its AI service quota. Please contact the site administrator.':
    '助手已用完 AI 服务的配额。请联系网站管理员。',
  'The AI service took too long to respond. Please try again.': 'AI 服务响应超时。请重试。',
  'The AI service could not be reached. Please try again in a moment.':
    '无法连接 AI 服务。请稍后重试。',
  'The AI service is temporarily unavailable. Please try again in a few moments.':
    'AI 服务暂时不可用。请稍后再试。',
  'The AI service could not process this request. Try rephrasing your message or removing attachments.':
    'AI 服务无法处理此请求。请换一种说法或移除附件。',
  'This conversation is too long for the model. Please start a new thread or shorten your message.':
    '此对话对模型来说太长了。请开始新的对话或缩短您的消息。',
  'The assistant is not configured correctly: the AI service rejected its credentials. Please contact the site administrator.':
    '助手配置有误：AI 服务拒绝了其凭据。请联系网站管理员。',
  'The assistant is not allowed to use this model or feature. Please contact the site administrator.':
    '助手无权使用此模型或功能。请联系网站管理员。',
  'The selected model is not available. Please choose another model or contact the site administrator.':
    '所选模型不可用。请选择其他模型或联系网站管理员。',
  'Your message is too long ({length} characters). Please shorten it to {max} characters or fewer and try again.':
    '您的消息太长（{length} 个字符）。请缩短到 {max} 个字符以内后重试。',
  'The model "{model}" is not available. Please choose another model.':
    '模型“{model}”不可用。请选择其他模型。',
  'The tool "{tool}" is not available.': '工具“{tool}”不可用。',
  'Please complete the form above first — or choose “Use your best judgement” or “Cancel” — and I will continue.':
    '请先填写上面的表单（或选择“由你判断”或“取消”），然后我会继续。',
  'The assistant could not show the form it prepared (its description was invalid). Please try again or rephrase your request.':
    '助手无法显示其准备的表单（表单描述无效）。请重试或换一种方式提出请求。',
  Submit: '提交',
  'Use your best judgement': '由你判断',
  Cancel: '取消',
  Submitted: '已提交',
  'Best judgement': '由助手判断',
  Cancelled: '已取消',
  'You asked the assistant to use its best judgement.': '您已请助手自行判断。',
  'You cancelled this form.': '您已取消此表单。',
  'Please check this box.': '请勾选此框。',
  'This field is required.': '此字段为必填项。',
  'Choose one of the options.': '请选择其中一个选项。',
  'Enter a valid date.': '请输入有效日期。',
  'Keep it under {max} characters.': '请不要超过 {max} 个字符。',
};

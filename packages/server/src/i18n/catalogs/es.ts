import type { SdkMessageKey } from '../sdk-messages.js';

export const es: Record<SdkMessageKey, string> = {
  'The AI service is receiving too many requests right now. Please wait a moment and try again.':
    'El servicio de IA está recibiendo demasiadas solicitudes. Espera un momento y vuelve a intentarlo.',
  'The assistant has used up its AI service quota. Please contact the site administrator.':
    'El asistente ha agotado su cuota del servicio de IA. Ponte en contacto con el administrador del sitio.',
  'The AI service took too long to respond. Please try again.':
    'El servicio de IA tardó demasiado en responder. Vuelve a intentarlo.',
  'The AI service could not be reached. Please try again in a moment.':
    'No se pudo contactar con el servicio de IA. Vuelve a intentarlo en un momento.',
  'The AI service is temporarily unavailable. Please try again in a few moments.':
    'El servicio de IA no está disponible temporalmente. Vuelve a intentarlo en unos instantes.',
  'The AI service could not process this request. Try rephrasing your message or removing attachments.':
    'El servicio de IA no pudo procesar esta solicitud. Reformula tu mensaje o quita los archivos adjuntos.',
  'This conversation is too long for the model. Please start a new thread or shorten your message.':
    'Esta conversación es demasiado larga para el modelo. Empieza una conversación nueva o acorta tu mensaje.',
  'The assistant is not configured correctly: the AI service rejected its credentials. Please contact the site administrator.':
    'El asistente no está bien configurado: el servicio de IA rechazó sus credenciales. Ponte en contacto con el administrador del sitio.',
  'The assistant is not allowed to use this model or feature. Please contact the site administrator.':
    'El asistente no tiene permiso para usar este modelo o función. Ponte en contacto con el administrador del sitio.',
  'The selected model is not available. Please choose another model or contact the site administrator.':
    'El modelo elegido no está disponible. Elige otro o ponte en contacto con el administrador del sitio.',
  'Your message is too long ({length} characters). Please shorten it to {max} characters or fewer and try again.':
    'Tu mensaje es demasiado largo ({length} caracteres). Acórtalo a {max} caracteres como máximo y vuelve a intentarlo.',
  'The model "{model}" is not available. Please choose another model.':
    'El modelo «{model}» no está disponible. Elige otro modelo.',
  'The tool "{tool}" is not available.': 'La herramienta «{tool}» no está disponible.',
  'Please complete the form above first — or choose “Use your best judgement” or “Cancel” — and I will continue.':
    'Primero completa el formulario de arriba — o elige «Usa tu mejor criterio» o «Cancelar» — y continuaré.',
  'The assistant could not show the form it prepared (its description was invalid). Please try again or rephrase your request.':
    'El asistente no pudo mostrar el formulario que preparó (su descripción no era válida). Vuelve a intentarlo o reformula tu petición.',
  Submit: 'Enviar',
  'Use your best judgement': 'Usa tu mejor criterio',
  Cancel: 'Cancelar',
  Submitted: 'Enviado',
  'Best judgement': 'Mejor criterio',
  Cancelled: 'Cancelado',
  'You asked the assistant to use its best judgement.':
    'Pediste al asistente que usara su mejor criterio.',
  'You cancelled this form.': 'Cancelaste este formulario.',
  'Please check this box.': 'Marca esta casilla.',
  'This field is required.': 'Este campo es obligatorio.',
  'Choose one of the options.': 'Elige una de las opciones.',
  'Enter a valid date.': 'Introduce una fecha válida.',
  'Keep it under {max} characters.': 'No superes los {max} caracteres.',
};

import type { SdkMessageKey } from '../sdk-messages.js';

export const fr: Record<SdkMessageKey, string> = {
  'The AI service is receiving too many requests right now. Please wait a moment and try again.':
    'Le service d’IA reçoit trop de demandes en ce moment. Patientez un instant puis réessayez.',
  'The assistant has used up its AI service quota. Please contact the site administrator.':
    'L’assistant a épuisé son quota du service d’IA. Contactez l’administrateur du site.',
  'The AI service took too long to respond. Please try again.':
    'Le service d’IA a mis trop de temps à répondre. Veuillez réessayer.',
  'The AI service could not be reached. Please try again in a moment.':
    'Le service d’IA est injoignable. Réessayez dans un instant.',
  'The AI service is temporarily unavailable. Please try again in a few moments.':
    'Le service d’IA est momentanément indisponible. Réessayez dans quelques instants.',
  'The AI service could not process this request. Try rephrasing your message or removing attachments.':
    'Le service d’IA n’a pas pu traiter cette demande. Reformulez votre message ou retirez les pièces jointes.',
  'This conversation is too long for the model. Please start a new thread or shorten your message.':
    'Cette conversation est trop longue pour le modèle. Commencez une nouvelle conversation ou raccourcissez votre message.',
  'The assistant is not configured correctly: the AI service rejected its credentials. Please contact the site administrator.':
    'L’assistant est mal configuré : le service d’IA a refusé ses identifiants. Contactez l’administrateur du site.',
  'The assistant is not allowed to use this model or feature. Please contact the site administrator.':
    'L’assistant n’est pas autorisé à utiliser ce modèle ou cette fonction. Contactez l’administrateur du site.',
  'The selected model is not available. Please choose another model or contact the site administrator.':
    'Le modèle choisi n’est pas disponible. Choisissez-en un autre ou contactez l’administrateur du site.',
  'Your message is too long ({length} characters). Please shorten it to {max} characters or fewer and try again.':
    'Votre message est trop long ({length} caractères). Raccourcissez-le à {max} caractères au plus et réessayez.',
  'The model "{model}" is not available. Please choose another model.':
    'Le modèle « {model} » n’est pas disponible. Choisissez-en un autre.',
  'The tool "{tool}" is not available.': 'L’outil « {tool} » n’est pas disponible.',
  'Please complete the form above first — or choose “Use your best judgement” or “Cancel” — and I will continue.':
    'Remplissez d’abord le formulaire ci-dessus — ou choisissez « Faites au mieux » ou « Annuler » — et je continuerai.',
  'The assistant could not show the form it prepared (its description was invalid). Please try again or rephrase your request.':
    'L’assistant n’a pas pu afficher le formulaire préparé (sa description était invalide). Réessayez ou reformulez votre demande.',
  Submit: 'Envoyer',
  'Use your best judgement': 'Faites au mieux',
  Cancel: 'Annuler',
  Submitted: 'Envoyé',
  'Best judgement': 'Au mieux',
  Cancelled: 'Annulé',
  'You asked the assistant to use its best judgement.':
    'Vous avez demandé à l’assistant de faire au mieux.',
  'You cancelled this form.': 'Vous avez annulé ce formulaire.',
  'Please check this box.': 'Cochez cette case.',
  'This field is required.': 'Ce champ est obligatoire.',
  'Choose one of the options.': 'Choisissez l’une des options.',
  'Enter a valid date.': 'Saisissez une date valide.',
  'Keep it under {max} characters.': 'Restez sous {max} caractères.',
};

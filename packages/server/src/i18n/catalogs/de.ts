import type { SdkMessageKey } from '../sdk-messages.js';

export const de: Record<SdkMessageKey, string> = {
  'The AI service is receiving too many requests right now. Please wait a moment and try again.':
    'Der KI-Dienst erhält gerade zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
  'The assistant has used up its AI service quota. Please contact the site administrator.':
    'Der Assistent hat sein Kontingent beim KI-Dienst aufgebraucht. Bitte wenden Sie sich an den Administrator der Website.',
  'The AI service took too long to respond. Please try again.':
    'Der KI-Dienst hat zu lange für die Antwort gebraucht. Bitte versuchen Sie es erneut.',
  'The AI service could not be reached. Please try again in a moment.':
    'Der KI-Dienst ist nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
  'The AI service is temporarily unavailable. Please try again in a few moments.':
    'Der KI-Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es in ein paar Augenblicken erneut.',
  'The AI service could not process this request. Try rephrasing your message or removing attachments.':
    'Der KI-Dienst konnte diese Anfrage nicht verarbeiten. Formulieren Sie Ihre Nachricht um oder entfernen Sie Anhänge.',
  'This conversation is too long for the model. Please start a new thread or shorten your message.':
    'Diese Unterhaltung ist zu lang für das Modell. Beginnen Sie eine neue Unterhaltung oder kürzen Sie Ihre Nachricht.',
  'The assistant is not configured correctly: the AI service rejected its credentials. Please contact the site administrator.':
    'Der Assistent ist falsch konfiguriert: Der KI-Dienst hat seine Zugangsdaten abgelehnt. Bitte wenden Sie sich an den Administrator der Website.',
  'The assistant is not allowed to use this model or feature. Please contact the site administrator.':
    'Der Assistent darf dieses Modell oder diese Funktion nicht verwenden. Bitte wenden Sie sich an den Administrator der Website.',
  'The selected model is not available. Please choose another model or contact the site administrator.':
    'Das gewählte Modell ist nicht verfügbar. Wählen Sie ein anderes oder wenden Sie sich an den Administrator der Website.',
  'Your message is too long ({length} characters). Please shorten it to {max} characters or fewer and try again.':
    'Ihre Nachricht ist zu lang ({length} Zeichen). Bitte kürzen Sie sie auf höchstens {max} Zeichen und versuchen Sie es erneut.',
  'The model "{model}" is not available. Please choose another model.':
    'Das Modell „{model}“ ist nicht verfügbar. Bitte wählen Sie ein anderes Modell.',
  'The tool "{tool}" is not available.': 'Das Werkzeug „{tool}“ ist nicht verfügbar.',
  'Please complete the form above first — or choose “Use your best judgement” or “Cancel” — and I will continue.':
    'Bitte füllen Sie zuerst das Formular oben aus – oder wählen Sie „Nach bestem Ermessen“ oder „Abbrechen“ –, dann mache ich weiter.',
  'The assistant could not show the form it prepared (its description was invalid). Please try again or rephrase your request.':
    'Der Assistent konnte das vorbereitete Formular nicht anzeigen (seine Beschreibung war ungültig). Bitte versuchen Sie es erneut oder formulieren Sie Ihre Anfrage um.',
  Submit: 'Senden',
  'Use your best judgement': 'Nach bestem Ermessen',
  Cancel: 'Abbrechen',
  Submitted: 'Gesendet',
  'Best judgement': 'Bestes Ermessen',
  Cancelled: 'Abgebrochen',
  'You asked the assistant to use its best judgement.':
    'Sie haben den Assistenten gebeten, nach bestem Ermessen zu handeln.',
  'You cancelled this form.': 'Sie haben dieses Formular abgebrochen.',
  'Please check this box.': 'Bitte aktivieren Sie dieses Kästchen.',
  'This field is required.': 'Dieses Feld ist erforderlich.',
  'Choose one of the options.': 'Wählen Sie eine der Optionen.',
  'Enter a valid date.': 'Geben Sie ein gültiges Datum ein.',
  'Keep it under {max} characters.': 'Bleiben Sie unter {max} Zeichen.',
};

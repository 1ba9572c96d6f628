import type { AppMessageKey } from '../app-messages.js';

export const de: Record<AppMessageKey, string> = {
  'Analyzing your request…': 'Ihre Anfrage wird analysiert…',
  'Preparing a response…': 'Antwort wird vorbereitet…',
  'Searching for "{query}"…': 'Suche nach „{query}“…',
  'Searching knowledge base…': 'Wissensdatenbank wird durchsucht…',
  'Finding quotes for "{query}"…': 'Zitate zu „{query}“ werden gesucht…',
  'Finding relevant quotes…': 'Passende Zitate werden gesucht…',
  'Saving to memory…': 'Wird im Gedächtnis gespeichert…',
  'Recalling from memory…': 'Wird aus dem Gedächtnis abgerufen…',
  'Checking the time…': 'Uhrzeit wird abgefragt…',
  'Calculating…': 'Wird berechnet…',
  'Executing {tool}…': '{tool} wird ausgeführt…',
  'No model configured': 'Kein Modell konfiguriert',
  'This server has no AI model configured, so it cannot answer yet. Set `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL` and `THREADLINE_MODEL`) and restart the server, or start it with `--demo` (or `THREADLINE_DEMO=1`) to try the interface with an offline demo model.':
    'Auf diesem Server ist kein KI-Modell konfiguriert, daher kann er noch nicht antworten. Setzen Sie `OPENAI_API_KEY` (und optional `OPENAI_BASE_URL` und `THREADLINE_MODEL`) und starten Sie den Server neu, oder starten Sie ihn mit `--demo` (oder `THREADLINE_DEMO=1`), um die Oberfläche mit einem Offline-Demomodell auszuprobieren.',
  'The assistant could not read **{name}**: its file type is not supported.':
    'Der Assistent konnte **{name}** nicht lesen: Der Dateityp wird nicht unterstützt.',
  'The assistant could not read **{name}**: its content could not be read.':
    'Der Assistent konnte **{name}** nicht lesen: Der Inhalt ist nicht lesbar.',
  'The assistant could not read **{name}**: the file is no longer available.':
    'Der Assistent konnte **{name}** nicht lesen: Die Datei ist nicht mehr verfügbar.',
};

import type { AppMessageKey } from '../app-messages.js';

export const es: Record<AppMessageKey, string> = {
  'Analyzing your request…': 'Analizando tu solicitud…',
  'Preparing a response…': 'Preparando una respuesta…',
  'Searching for "{query}"…': 'Buscando «{query}»…',
  'Searching knowledge base…': 'Buscando en la base de conocimiento…',
  'Finding quotes for "{query}"…': 'Buscando citas para «{query}»…',
  'Finding relevant quotes…': 'Buscando citas relevantes…',
  'Saving to memory…': 'Guardando en la memoria…',
  'Recalling from memory…': 'Recuperando de la memoria…',
  'Checking the time…': 'Consultando la hora…',
  'Calculating…': 'Calculando…',
  'Executing {tool}…': 'Ejecutando {tool}…',
  'No model configured': 'No hay ningún modelo configurado',
  'This server has no AI model configured, so it cannot answer yet. Set `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL` and `THREADLINE_MODEL`) and restart the server, or start it with `--demo` (or `THREADLINE_DEMO=1`) to try the interface with an offline demo model.':
    'Este servidor no tiene ningún modelo de IA configurado, así que aún no puede responder. Define `OPENAI_API_KEY` (y, si quieres, `OPENAI_BASE_URL` y `THREADLINE_MODEL`) y reinicia el servidor, o inícialo con `--demo` (o `THREADLINE_DEMO=1`) para probar la interfaz con un modelo de demostración sin conexión.',
  'The assistant could not read **{name}**: its file type is not supported.':
    'El asistente no pudo leer **{name}**: su tipo de archivo no es compatible.',
  'The assistant could not read **{name}**: its content could not be read.':
    'El asistente no pudo leer **{name}**: no se pudo leer su contenido.',
  'The assistant could not read **{name}**: the file is no longer available.':
    'El asistente no pudo leer **{name}**: el archivo ya no está disponible.',
};

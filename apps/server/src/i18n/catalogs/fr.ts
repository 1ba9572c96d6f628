import type { AppMessageKey } from '../app-messages.js';

export const fr: Record<AppMessageKey, string> = {
  'Analyzing your request…': 'Analyse de votre demande…',
  'Preparing a response…': 'Préparation de la réponse…',
  'Searching for "{query}"…': 'Recherche de « {query} »…',
  'Searching knowledge base…': 'Recherche dans la base de connaissances…',
  'Finding quotes for "{query}"…': 'Recherche de citations pour « {query} »…',
  'Finding relevant quotes…': 'Recherche de citations pertinentes…',
  'Saving to memory…': 'Enregistrement en mémoire…',
  'Recalling from memory…': 'Rappel de la mémoire…',
  'Checking the time…': 'Vérification de l’heure…',
  'Calculating…': 'Calcul en cours…',
  'Executing {tool}…': 'Exécution de {tool}…',
  'No model configured': 'Aucun modèle configuré',
  'This server has no AI model configured, so it cannot answer yet. Set `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL` and `THREADLINE_MODEL`) and restart the server, or start it with `--demo` (or `THREADLINE_DEMO=1`) to try the interface with an offline demo model.':
    'Ce serveur n’a aucun modèle d’IA configuré : il ne peut pas encore répondre. Définissez `OPENAI_API_KEY` (et éventuellement `OPENAI_BASE_URL` et `THREADLINE_MODEL`) puis redémarrez le serveur, ou lancez-le avec `--demo` (ou `THREADLINE_DEMO=1`) pour essayer l’interface avec un modèle de démonstration hors ligne.',
  'The assistant could not read **{name}**: its file type is not supported.':
    'L’assistant n’a pas pu lire **{name}** : ce type de fichier n’est pas pris en charge.',
  'The assistant could not read **{name}**: its content could not be read.':
    'L’assistant n’a pas pu lire **{name}** : son contenu est illisible.',
  'The assistant could not read **{name}**: the file is no longer available.':
    'L’assistant n’a pas pu lire **{name}** : le fichier n’est plus disponible.',
};

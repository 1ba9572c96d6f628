/**
 * A deterministic retrieval corpus: fictional products, each a Markdown document with sections
 * holding product-specific facts, and questions that ask for one section of one product in
 * other words than the document uses (synonyms, other word forms), so keyword search has to
 * find the product name and the right section among many near-identical documents.
 */

/** mulberry32: a small seeded PRNG so the corpus is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANDS = [
  'Velora',
  'Quintel',
  'Arbor',
  'Zephyrix',
  'Lumen',
  'Corvid',
  'Halcyon',
  'Brightwater',
  'Ostrava',
  'Nimbus',
  'Kestrel',
  'Tamarind',
];
const KINDS = [
  'router',
  'thermostat',
  'e-bike',
  'espresso machine',
  'drone',
  'smartwatch',
  'projector',
  'robot vacuum',
  'camera',
  'speaker',
];
const COLORS = ['graphite', 'sand', 'teal', 'crimson', 'ivory', 'olive', 'cobalt', 'amber'];
const CITIES = [
  'Lisbon',
  'Oslo',
  'Tallinn',
  'Porto',
  'Ghent',
  'Bergen',
  'Lyon',
  'Turin',
  'Krakow',
  'Utrecht',
];
const STEPS = [
  'hold the pairing button',
  'scan the code on the base',
  'open the companion app',
  'connect the USB-C cable',
  'press the dial twice',
];

export interface EvalDocument {
  source: string;
  text: string;
}
export interface EvalQuestion {
  question: string;
  /** The document and the heading of the section that answers it. */
  source: string;
  section: string;
}

interface Facts {
  name: string;
  kind: string;
  warrantyMonths: number;
  batteryHours: number;
  price: number;
  color: string;
  city: string;
  step: string;
  weight: number;
  support: string;
}

const SECTIONS: Array<{
  heading: string;
  body: (f: Facts) => string;
  questions: Array<(f: Facts) => string>;
}> = [
  {
    heading: 'Warranty',
    body: (f) =>
      `The ${f.name} ${f.kind} is covered by a limited warranty of ${f.warrantyMonths} months from the date of purchase. The warranty covers manufacturing defects but not accidental damage.`,
    questions: [
      (f) => `How long is the guarantee on the ${f.name}?`,
      (f) => `For how many months is the ${f.name} covered against defects?`,
    ],
  },
  {
    heading: 'Battery',
    body: (f) =>
      `A full charge of the ${f.name} lasts about ${f.batteryHours} hours of typical use. Charging from empty takes roughly two hours with the supplied adapter.`,
    questions: [
      (f) => `What is the battery life of the ${f.name}?`,
      (f) => `How many hours does the ${f.name} run on one charge?`,
    ],
  },
  {
    heading: 'Pricing',
    body: (f) =>
      `The ${f.name} costs ${f.price} euros including VAT. It is sold in ${f.color} and ships free of charge within the EU.`,
    questions: [
      (f) => `How much does the ${f.name} cost?`,
      (f) => `What is the price of the ${f.name} and which colour is it sold in?`,
    ],
  },
  {
    heading: 'Setup',
    body: (f) =>
      `To set up the ${f.name}, ${f.step} and follow the prompts. The first start installs updates and takes a few minutes.`,
    questions: [
      (f) => `How do I install the ${f.name} for the first time?`,
      (f) => `What is the first step to configure a new ${f.name}?`,
    ],
  },
  {
    heading: 'Service and support',
    body: (f) =>
      `Repairs for the ${f.name} are handled by the service centre in ${f.city}. Contact ${f.support} for a return label; the unit weighs ${f.weight} grams when packed.`,
    questions: [
      (f) => `Where does the ${f.name} get repaired?`,
      (f) => `Whom do I contact to send back a broken ${f.name}?`,
    ],
  },
];

/** `count` product documents and `questionCount` labelled questions, the same for the same seed. */
export function makeEvalCorpus(
  count = 240,
  questionCount = 120,
  seed = 13,
): { documents: EvalDocument[]; questions: EvalQuestion[] } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const documents: EvalDocument[] = [];
  const facts: Facts[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${BRANDS[i % BRANDS.length]} ${String.fromCharCode(65 + (Math.floor(i / BRANDS.length) % 26))}${100 + i}`;
    const f: Facts = {
      name,
      kind: pick(KINDS),
      warrantyMonths: 6 * (1 + Math.floor(random() * 8)),
      batteryHours: 4 + Math.floor(random() * 40),
      price: 49 + Math.floor(random() * 900),
      color: pick(COLORS),
      city: pick(CITIES),
      step: pick(STEPS),
      weight: 200 + Math.floor(random() * 3000),
      support: `support-${i}@example.com`,
    };
    facts.push(f);
    const sections = SECTIONS.map((s) => `## ${s.heading}\n\n${s.body(f)}`).join('\n\n');
    documents.push({
      source: `products/${name.toLowerCase().replace(/\s+/g, '-')}.md`,
      text: `# ${name} ${f.kind}\n\nThe ${name} is a ${f.color} ${f.kind} from the ${name.split(' ')[0]} range.\n\n${sections}\n`,
    });
  }
  const questions: EvalQuestion[] = [];
  for (let q = 0; q < questionCount; q++) {
    const index = Math.floor(random() * count);
    const section = SECTIONS[q % SECTIONS.length]!;
    const template = section.questions[Math.floor(q / SECTIONS.length) % section.questions.length]!;
    questions.push({
      question: template(facts[index]!),
      source: documents[index]!.source,
      section: section.heading,
    });
  }
  return { documents, questions };
}

/** recall@k (one relevant passage per question, so the hit rate) and MRR over ranked lists. */
export function score(
  ranked: Array<Array<{ source: string; section: string }>>,
  questions: EvalQuestion[],
  k = 5,
): { recallAtK: number; mrr: number } {
  let hits = 0;
  let reciprocal = 0;
  ranked.forEach((list, i) => {
    const q = questions[i]!;
    const rank = list.findIndex((p) => p.source === q.source && p.section.endsWith(q.section));
    if (rank !== -1 && rank < k) hits++;
    if (rank !== -1) reciprocal += 1 / (rank + 1);
  });
  return { recallAtK: hits / questions.length, mrr: reciprocal / questions.length };
}
